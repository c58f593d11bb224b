using ActorSupervisor.Actors;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;
using Microsoft.Extensions.Logging;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>After recovery: reconcile the recorded state with the runtime (adopt, record a lost exit, resume restarts, restore rules).</summary>
internal sealed partial class ContainerActor
{
    private void OnRecovered()
    {
        if (_state.Status == ContainerStatus.None)
        {
            // Remembered by the shard but never created (the create was refused): nothing to supervise yet.
            ReportRecovered();
            return;
        }
        _context.Directory.Publish(_id, _state);
        switch (_state)
        {
            case { Status: ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Removing, WorkloadId: not null }:
                Adopt();
                return; // reported once the runtime answered
            case { Status: ContainerStatus.Restarting, RestartDueAt: { } dueAt }:
                Context.Parent.Tell(new RestartResumed(_id, dueAt), Self);
                break;
            case { Status: ContainerStatus.Exited, RestartPending: true }:
                Context.Parent.Tell(new ExitReported(_id, _state.RestartContext()), Self);
                break;
            case { Status: ContainerStatus.Exited } when _nodeStart && _state.ShouldStartOnNodeStart:
                Log.LogInformation("Container {ContainerId}: restart policy {Policy} starts it with the node", _id, _state.Spec!.Restart);
                Decide(new Start(), null, settle: false);
                break;
        }
        ReportRecovered();
    }

    /// <summary>
    /// Tells the shard once what reconciliation decided is durable: the message to itself waits behind the
    /// pending write (and a start under way), so the host is not ready before the states are.
    /// </summary>
    private void ReportRecovered() => Self.Tell(new ChildRecovered(_id), Self);

    private void Adopt()
    {
        _callInFlight = true;
        var handle = CurrentHandle()!;
        var adopt = Call(() => RuntimeOf()?.AdoptAsync(handle)
            ?? throw NoRuntime());
        Report(adopt, status => new AdoptOutcome(status, null), e => new AdoptOutcome(null, e));
    }

    private void OnAdoptOutcome(AdoptOutcome outcome)
    {
        _callInFlight = false;
        if (outcome.Status is { Running: true })
        {
            Log.LogInformation("Container {ContainerId}: adopted running workload {WorkloadId}", _id, _state.WorkloadId);
            _lastStartedWorkload = _state.WorkloadId;
            if (_state is { Status: ContainerStatus.Running, PendingStop: StopPurpose.None, Spec.HealthCheck: { Enabled: true } check })
            {
                var delay = HealthMonitor.NextProbeDelay(check, _state.Health?.Status ?? HealthStatus.Starting, _state.StartedAt ?? Now, Now);
                Execute([new ContainerEffect.ScheduleHealthProbe(delay)]);
            }
        }
        else
        {
            if (outcome.Error is { } error) Log.LogWarning(error, "Container {ContainerId}: adopting workload {WorkloadId} failed; it counts as exited", _id, _state.WorkloadId);
            var status = outcome.Status;
            Decide(new RuntimeExited(status?.ExitCode, status?.OomKilled ?? false, status?.FinishedAt ?? Now), null, settle: false);
        }
        ReportRecovered();
        UnstashAll();
    }
}
