using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Hosting;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;
using Effect = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEffect;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>The "do" half: effects carried out on the runtime, and the outcomes that come back.</summary>
internal sealed partial class ContainerEntity
{
    // Docker records 128 for a start failure it cannot classify (127: not found, 126: not executable).
    private const int UnknownStartFailureExitCode = 128;
    private long _healthGeneration;
    private long _readinessGeneration;
    private StartTrigger _startTrigger;
    private string? _lastStartedWorkload;
    private bool _handingOff;

    private void Execute(IReadOnlyList<Effect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case Effect.StartWorkload start:
                    StartWorkload(start.Trigger);
                    break;
                case Effect.StopWorkload stop when _handingOff:
                    StopForHandOff(stop);
                    break;
                case Effect.StopWorkload stop:
                    CallRuntime("stop", (runtime, handle) => runtime.StopAsync(handle, stop.Signal, stop.Timeout, EscalationReporter(handle)));
                    break;
                case Effect.KillWorkload kill:
                    CallRuntime("kill", (runtime, handle) => runtime.KillAsync(handle, kill.Signal));
                    break;
                case Effect.PauseWorkload:
                    SetPaused(true);
                    break;
                case Effect.UnpauseWorkload:
                    SetPaused(false);
                    break;
                case Effect.UpdateWorkloadMemory memory:
                    UpdateMemory(memory.MemoryLimitBytes);
                    break;
                case Effect.RemoveWorkload:
                    ReleaseRuntime();
                    // The shard forgets the container and stops this entity; the history stays in the journal.
                    Passivate();
                    break;
                case Effect.ScheduleHealthProbe schedule:
                    Timer(ref ProbeTimer(schedule.Probe)).Start(new HealthTick(NextProbeGeneration(schedule.Probe), schedule.Probe), schedule.Delay);
                    break;
                case Effect.CancelHealthProbe cancel:
                    foreach (var probe in cancel.Probe is { } one ? [one] : Enum.GetValues<ProbeKind>())
                    {
                        NextProbeGeneration(probe);
                        ProbeTimer(probe)?.Cancel();
                    }
                    break;
                case Effect.CancelRestart:
                    // SyncRestartTimer below drops it: the state is no longer restarting.
                    break;
                default:
                    throw new InvalidOperationException($"container {_id}: unknown effect {effect.GetType().Name}");
            }
        }
        SyncRestartTimer();
    }

    private void StartWorkload(StartTrigger trigger)
    {
        if (!_context.OwnsWorkload(_id))
        {
            // Decided while the lease was trusted, due after it was not: the shard's next node starts it, not this one.
            Logger.LogWarning("Container {ContainerId}: start skipped: this node does not hold the lease of its shard now", _id);
            Context.Stop(Self);
            return;
        }
        _startTrigger = trigger;
        _callInFlight = true;
        var spec = _state.Spec!;
        var start = Call(() => RuntimeOf()?.StartAsync(_id, spec)
            ?? throw NoRuntime());
        Report(start, handle => new StartOutcome(handle, null), e => new StartOutcome(null, e));
    }

    private void OnStartOutcome(StartOutcome outcome)
    {
        _callInFlight = false;
        if (outcome.Handle is { } handle)
        {
            _lastStartedWorkload = handle.WorkloadId;
            int? pid = int.TryParse(handle.WorkloadId, out var parsed) ? parsed : null;
            Decide(new RuntimeStarted(handle.WorkloadId, pid, handle.StartTicks, handle.StartedAt, _startTrigger), null, settle: false);
        }
        else
        {
            var error = outcome.Error!;
            var exitCode = error is RuntimeOperationException { ExitCode: { } code } ? code : UnknownStartFailureExitCode;
            Logger.LogInformation("Container {ContainerId}: start failed with exit code {ExitCode}: {Error}", _id, exitCode, error.Message);
            Decide(new RuntimeStartFailed(exitCode, error.Message), null, settle: false);
        }
        Stash.UnstashAll();
    }

    private void SetPaused(bool pause)
    {
        ContainerCommand confirms = pause ? new RuntimePaused() : new RuntimeResumed();
        var verb = pause ? "pause" : "unpause";
        if (RuntimeOf() is not { } runtime || CurrentHandle() is not { } handle)
        {
            FailWaiters(new CommandRejectedException(_id, $"cannot {verb}: no runtime or workload"));
            return;
        }
        _callInFlight = true;
        var call = Call(() => pause ? runtime.PauseAsync(handle) : runtime.UnpauseAsync(handle));
        Report(call, () => new PauseOutcome(confirms, null), e => new PauseOutcome(confirms, e));
    }

    private void OnPauseOutcome(PauseOutcome outcome)
    {
        _callInFlight = false;
        if (outcome.Error is { } error)
        {
            var verb = outcome.Confirms is RuntimePaused ? "pause" : "unpause";
            FailWaiters(new CommandRejectedException(_id, $"the runtime could not {verb} the workload: {error.Message}"));
        }
        else
        {
            // The runtime's own signal for the same change comes later and is then a no-op.
            Decide(outcome.Confirms, null, settle: false);
        }
        Stash.UnstashAll();
    }

    /// <summary>Docker's <c>update --memory</c>: the running workload gets the new limit now; the update answers once it has.</summary>
    private void UpdateMemory(long bytes)
    {
        if (RuntimeOf() is not { } runtime || CurrentHandle() is not { } handle)
        {
            FailWaiters(new CommandRejectedException(_id, "the memory limit is recorded but no workload runs to apply it to"));
            return;
        }
        _callInFlight = true;
        var call = Call(() => runtime.UpdateMemoryLimitAsync(handle, bytes));
        Report(call, () => new MemoryUpdateOutcome(null), e => new MemoryUpdateOutcome(e));
    }

    private void OnMemoryUpdateOutcome(MemoryUpdateOutcome outcome)
    {
        _callInFlight = false;
        if (outcome.Error is { } error)
        {
            // The spec keeps the new limit (the next start applies it); the caller learns the running workload did not get it.
            Logger.LogWarning("Container {ContainerId}: the runtime could not apply the memory limit to the running workload: {Error}", _id, error.Message);
            FailWaiters(new CommandRejectedException(_id, $"the memory limit is recorded for the next start, but the runtime could not apply it to the running workload: {error.Message}"));
        }
        Stash.UnstashAll();
        CheckSettled();
    }

    private void CallRuntime(string operation, Func<IContainerRuntime, WorkloadHandle, Task> call)
    {
        if (RuntimeOf() is not { } runtime || CurrentHandle() is not { } handle)
        {
            Self.Tell(new RuntimeCallFailed(operation, new RuntimeOperationException("no runtime or workload")));
            return;
        }
        var task = Call(() => call(runtime, handle));
        // Success needs no message: the workload's exit arrives as a runtime signal.
        Report(task, null, e => new RuntimeCallFailed(operation, e));
    }

    private void OnRuntimeNotice(RuntimeNotice notice)
    {
        if (notice.Command is RuntimeStarted)
        {
            // The start's own outcome has recorded it already.
            if (notice.WorkloadId == _lastStartedWorkload || notice.WorkloadId == _state.WorkloadId) return;
            _lastStartedWorkload = notice.WorkloadId;
        }
        else if (notice.WorkloadId != _state.WorkloadId)
        {
            Logger.LogDebug("Container {ContainerId}: signal for an earlier workload {WorkloadId} ignored", _id, notice.WorkloadId);
            return;
        }
        Decide(notice.Command, null, settle: false);
    }

    private ref EntityTimer? ProbeTimer(ProbeKind probe) => ref probe == ProbeKind.Health ? ref _healthTimer : ref _readinessTimer;

    // A new generation makes every tick and outcome of the earlier schedule of that probe stale.
    private long NextProbeGeneration(ProbeKind probe) => probe == ProbeKind.Health ? ++_healthGeneration : ++_readinessGeneration;

    private long ProbeGeneration(ProbeKind probe) => probe == ProbeKind.Health ? _healthGeneration : _readinessGeneration;

    private void OnHealthTick(HealthTick tick)
    {
        if (tick.Generation != ProbeGeneration(tick.Probe)) return;
        if (_state is not { Status: ContainerStatus.Running, PendingStop: StopPurpose.None, Spec: { } spec }
            || ContainerDecider.CheckOf(spec, tick.Probe) is not { Enabled: true } check) return;
        if (RuntimeOf() is not { } runtime || CurrentHandle() is not { } handle) return;
        var generation = tick.Generation;
        var kind = tick.Probe;
        // A command probe runs in the container, through its runtime; an HTTP or TCP probe is the node's own.
        var probe = Call(() => check.Test is { } test ? runtime.ExecProbeAsync(handle, test, check.Timeout) : NetworkProbe.RunAsync(check));
        Report(probe, result => new ProbeOutcome(generation, kind, handle.WorkloadId, result, null), e => new ProbeOutcome(generation, kind, handle.WorkloadId, null, e));
    }

    private void OnProbeOutcome(ProbeOutcome outcome)
    {
        if (outcome.Generation != ProbeGeneration(outcome.Probe) || outcome.WorkloadId != _state.WorkloadId) return;
        // A probe that cannot even run counts as a failure, as in Docker.
        var result = outcome.Result is { } r
            ? new HealthResult(r.ExitCode, r.Output, r.Duration, r.TimedOut, outcome.Probe)
            : new HealthResult(HealthMonitor.TimedOutExitCode, outcome.Error!.Message, TimeSpan.Zero, Probe: outcome.Probe);
        Decide(result, null, settle: false);
    }

    /// <summary>
    /// Host shutdown. Without stopping workloads, answering is enough: this message waited behind any pending write.
    /// With it, the stop is recorded as Docker records a daemon shutdown (kill, die, stop), never as a failure or an
    /// operator's stop, and the answer waits for the exit to be durable; the node start brings it back.
    /// </summary>
    private void OnDrain(Drain drain)
    {
        if (!drain.StopWorkload)
        {
            Sender.Tell(new Drained(_id));
            return;
        }
        (_drainWaiters ??= []).Add(Sender);
        Decide(new ShutdownStop(), null, settle: false);
    }

    /// <summary>
    /// The shard hands this container off. When its workload moves with it, it is stopped first as a node shutdown stops
    /// it (stop signal, stop timeout; recorded as kill, die, stop: neither a failure nor a restart), and the entity stops
    /// once the exit is durable; the new node's recovery starts it again when its policy says so. Otherwise it just stops.
    /// </summary>
    private void OnHandOff()
    {
        _handingOff = true;
        _context.HandingOff(_id);
        if (_state.Status is ContainerStatus.Running or ContainerStatus.Paused && _context.HandOffStopsWorkloads())
        {
            Logger.LogInformation("Container {ContainerId}: shard handed off; stopping workload {WorkloadId} before it starts on the new node", _id, _state.WorkloadId);
            Decide(new ShutdownStop(), null, settle: false);
            return;
        }
        CheckSettled();
    }

    /// <summary>
    /// The hand-off's stop. The exit cannot come back as a runtime signal: signals go through the shard region, which
    /// holds every message for a shard in hand-off until the hand-off is over, and that waits for this entity. So the
    /// stop's own completion reports the exit (the signal, when it comes later, is a no-op for an exited container).
    /// </summary>
    private void StopForHandOff(Effect.StopWorkload stop)
    {
        if (RuntimeOf() is not { } runtime || CurrentHandle() is not { } handle)
        {
            Self.Tell(new RuntimeCallFailed("stop", new RuntimeOperationException("no runtime or workload")));
            return;
        }
        var escalating = EscalationReporter(handle);
        var time = _context.Time;
        var exited = Call(async () =>
        {
            await runtime.StopAsync(handle, stop.Signal, stop.Timeout, escalating).ConfigureAwait(false);
            return await runtime.InspectAsync(handle).ConfigureAwait(false);
        });
        Report(exited, status => new RuntimeNotice(handle.WorkloadId, new RuntimeExited(status.ExitCode, status.OomKilled, status.FinishedAt ?? time.GetUtcNow())),
            e => new RuntimeCallFailed("stop", e));
    }

    /// <summary>Lets the runtime drop what it keeps for the removed container (logs, cgroup); a failure is logged, never retried.</summary>
    private void ReleaseRuntime()
    {
        if (RuntimeOf() is not { } runtime) return;
        var id = _id;
        var log = Logger;
        Call(() => runtime.RemoveAsync(id)).ContinueWith(
            t => log.LogWarning(t.Exception, "Container {ContainerId}: the runtime could not release what it kept for it", id),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>A stop that escalates to SIGKILL is recorded as Docker records it: a second kill, before the die.</summary>
    private Action<DateTimeOffset> EscalationReporter(WorkloadHandle handle)
    {
        var self = Self;
        return _ => self.Tell(new RuntimeNotice(handle.WorkloadId, new RuntimeStopEscalated()), ActorRefs.NoSender);
    }

    private RuntimeOperationException NoRuntime() => new($"no {_state.Spec!.Runtime} runtime is configured on node {_context.Options.NodeId}");

    private IContainerRuntime? RuntimeOf() => _state.Spec is { } spec ? _context.RuntimeFor(spec.Runtime) : null;

    private WorkloadHandle? CurrentHandle() =>
        _state.WorkloadId is { } workload ? new WorkloadHandle(_id, workload, _state.StartedAt ?? Now, _state.StartTicks) : null;

    /// <summary>The runtime's task, with a synchronous throw turned into a faulted task so that every failure comes back as a message.</summary>
    private static Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return call();
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static Task Call(Func<Task> call) => Call(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    private void Report<T>(Task<T> task, Func<T, object> success, Func<Exception, object> failure)
    {
        var self = Self;
        task.ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? success(t.Result) : failure(Unwrap(t)), ActorRefs.NoSender),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Report(Task task, Func<object>? success, Func<Exception, object> failure)
    {
        var self = Self;
        task.ContinueWith(t =>
            {
                if (!t.IsCompletedSuccessfully) self.Tell(failure(Unwrap(t)), ActorRefs.NoSender);
                else if (success is not null) self.Tell(success(), ActorRefs.NoSender);
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static Exception Unwrap(Task task) =>
        task.Exception?.InnerExceptions is [var single] ? single : task.Exception ?? (Exception)new TaskCanceledException(task);
}
