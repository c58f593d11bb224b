using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using Microsoft.Extensions.Logging;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>After recovery: reconcile the recorded state with the runtime (adopt, record a lost exit, resume restarts, restore rules).</summary>
internal sealed partial class ContainerEntity
{
    private void OnRecovered()
    {
        // Docker's node-start rules apply to the first incarnation in this process only, never after a failure.
        var nodeStart = _context.FirstIncarnation(_id);
        if (_state.Status is ContainerStatus.None or ContainerStatus.Removed) return;
        _context.Publish(_id, _state, LastSequenceNr);
        switch (_state)
        {
            case { Status: ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Removing, WorkloadId: not null }:
                Adopt();
                break;
            case { Status: ContainerStatus.Restarting }:
                SyncRestartTimer();
                break;
            case { Status: ContainerStatus.Exited, RestartPending: true }:
                DecidePendingRestart();
                break;
            case { Status: ContainerStatus.Exited } when nodeStart && _state.ShouldStartOnNodeStart:
                Logger.LogInformation("Container {ContainerId}: restart policy {Policy} starts it with the node", _id, _state.Spec!.Restart);
                Decide(new Start(StartTrigger.Recovery), null, settle: false);
                break;
        }
    }

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
            Logger.LogInformation("Container {ContainerId}: adopted running workload {WorkloadId}", _id, _state.WorkloadId);
            _lastStartedWorkload = _state.WorkloadId;
            if (_state is { Status: ContainerStatus.Running, PendingStop: StopPurpose.None, Spec.HealthCheck: { Enabled: true } check })
            {
                var delay = HealthMonitor.NextProbeDelay(check, _state.Health?.Status ?? HealthStatus.Starting, _state.StartedAt ?? Now, Now);
                Execute([new ContainerEffect.ScheduleHealthProbe(delay)]);
            }
        }
        else
        {
            if (outcome.Error is { } error) Logger.LogWarning(error, "Container {ContainerId}: adopting workload {WorkloadId} failed; it counts as exited", _id, _state.WorkloadId);
            var status = outcome.Status;
            Decide(new RuntimeExited(status?.ExitCode, status?.OomKilled ?? false, status?.FinishedAt ?? Now), null, settle: false);
        }
        Stash.UnstashAll();
    }
}
