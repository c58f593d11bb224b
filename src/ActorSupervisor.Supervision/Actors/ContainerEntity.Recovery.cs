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
        if (_state is { Status: ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Removing, WorkloadId: not null })
        {
            Adopt();
            return;
        }
        KillStrays(nodeStart);
    }

    /// <summary>
    /// No live workload is on record, yet one may run: started just before the node died (or the store failed), its
    /// start never stored; or started at once for a restart whose decision the journal then failed to write. It is killed
    /// before anything else happens to the container, so no workload runs unknown to the node. With
    /// <paramref name="recordedExit"/> (the recorded workload found dead at adoption) that exit is decided afterwards.
    /// </summary>
    private void KillStrays(bool nodeStart, RuntimeExited? recordedExit = null)
    {
        if (RuntimeOf() is not { } runtime)
        {
            Resume(nodeStart, recordedExit);
            return;
        }
        _callInFlight = true;
        var id = _id;
        Report(Call(() => runtime.KillStraysAsync(id)),
            killed => new StraysKilled(nodeStart, killed, null) { RecordedExit = recordedExit },
            e => new StraysKilled(nodeStart, 0, e) { RecordedExit = recordedExit });
    }

    private void OnStraysKilled(StraysKilled outcome)
    {
        _callInFlight = false;
        if (outcome.Error is { } error)
        {
            Logger.LogWarning(error, "Container {ContainerId}: a workload not on record may still run; the runtime could not kill it", _id);
        }
        else if (outcome.Killed > 0)
        {
            Logger.LogWarning("Container {ContainerId}: killed {Count} workload process(es) whose start was never recorded", _id, outcome.Killed);
        }
        Resume(outcome.NodeStart, outcome.RecordedExit);
        Stash.UnstashAll();
    }

    private void Resume(bool nodeStart, RuntimeExited? recordedExit)
    {
        if (recordedExit is null)
        {
            ResumeRecovered(nodeStart);
            return;
        }
        _exitFoundAtRecovery = true;
        try
        {
            Decide(recordedExit, null, settle: false);
        }
        finally
        {
            _exitFoundAtRecovery = false;
        }
    }

    private void ResumeRecovered(bool nodeStart)
    {
        switch (_state)
        {
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
            if (_state is { Status: ContainerStatus.Running, PendingStop: StopPurpose.None })
                Execute(ContainerDecider.ArmProbes(_state, Now));
        }
        else
        {
            if (outcome.Error is { } error) Logger.LogWarning(error, "Container {ContainerId}: adopting workload {WorkloadId} failed; it counts as exited", _id, _state.WorkloadId);
            var status = outcome.Status;
            // Recorded, found dead: whatever else runs for the container is unrecorded (a restart started at once whose
            // decision the journal failed to write) and dies before the exit is decided.
            KillStrays(nodeStart: false, new RuntimeExited(status?.ExitCode, status?.OomKilled ?? false, status?.FinishedAt ?? Now));
        }
        Stash.UnstashAll();
    }
}
