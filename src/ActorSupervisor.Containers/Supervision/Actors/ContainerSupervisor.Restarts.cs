using ActorSupervisor.Actors;
using ActorSupervisor.Containers.Domain.Restarts;
using Microsoft.Extensions.Logging;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>The restart decision: policy, intensity and backoff (the domain's <see cref="RestartManager"/>), timed on the shard's timers.</summary>
internal sealed partial class ContainerSupervisor
{
    private void DecideRestart(ExitReported exit)
    {
        var child = Context.Child(exit.EntityId);
        if (child is null) return;
        var decision = RestartManager.Decide(exit.Context, Now, Random.Shared);
        switch (decision.Verdict)
        {
            case RestartVerdict.Restart:
                child.Tell(new SupervisorOrder(new ScheduleRestart(decision)), Self);
                ScheduleRestartDue(exit.EntityId, child, decision.Delay);
                break;
            case RestartVerdict.GiveUp:
                Log.LogWarning("Container {ContainerId}: giving up: {Reason}", exit.EntityId, decision.Reason);
                child.Tell(new SupervisorOrder(new GiveUp(decision.Reason)), Self);
                break;
            default:
                Log.LogInformation("Container {ContainerId}: not restarted: {Reason}", exit.EntityId, decision.Reason);
                child.Tell(new RestartDeclined(decision.Reason), Self);
                break;
        }
    }

    private void ResumeRestart(RestartResumed resumed)
    {
        if (Context.Child(resumed.EntityId) is not { } child) return;
        var remaining = resumed.DueAt - Now;
        ScheduleRestartDue(resumed.EntityId, child, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
    }

    private void ScheduleRestartDue(string id, IActorRef child, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            // No backoff: straight after the schedule order (same sender, so it arrives after it).
            child.Tell(new SupervisorOrder(new RestartDue()), Self);
            return;
        }
        Timers.StartSingleTimer(new RestartTimerKey(id), new RestartTimerFired(id), delay);
    }
}
