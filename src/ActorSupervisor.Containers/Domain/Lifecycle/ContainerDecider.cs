using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Values;
using Effect = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEffect;
using Event = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEvent;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>
/// The container state machine's decisions: <see cref="Decide"/> turns a command into events (to persist and
/// apply with <see cref="ContainerState.Apply"/>) and effects (for the host to carry out), or rejects it with
/// a reason. Pure: time comes in as <c>now</c>; it never throws for a command, whatever the state.
/// </summary>
public static class ContainerDecider
{
    private const string OperatorRestartReason = "restarted by an operator";

    /// <summary>What <paramref name="command"/> does to a container in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static Decision Decide(ContainerState state, ContainerCommand command, DateTimeOffset now)
    {
        if (command is Create create)
            return DecideCreate(state, create, now);
        if (state.Status == ContainerStatus.None)
            return Decision.Reject("no such container: create it first");
        if (state.Status == ContainerStatus.Removed)
            return Decision.Reject("the container was removed");
        if (state.Status == ContainerStatus.Removing && command is not (RuntimeExited or RuntimeOomKilled or RuntimeStopEscalated))
            return Decision.Reject("the container is being removed");

        return command switch
        {
            Start start => DecideStart(state, start),
            Stop stop => DecideStop(state, stop, now),
            Restart restart => DecideRestart(state, restart, now),
            Kill kill => DecideKill(state, kill, now),
            Pause => state.Status == ContainerStatus.Running && state.PendingStop == StopPurpose.None
                ? Decision.Accept([], new Effect.PauseWorkload())
                : Decision.Reject($"cannot pause: {Describe(state)}"),
            Unpause => state.Status == ContainerStatus.Paused
                ? Decision.Accept([], new Effect.UnpauseWorkload())
                : Decision.Reject($"cannot unpause: {Describe(state)}, not paused"),
            Remove remove => DecideRemove(state, remove, now),
            Update update => DecideUpdate(state, update, now),
            RuntimeStarted started => DecideRuntimeStarted(state, started, now),
            RuntimeStartFailed failed => IsStartable(state)
                ? Decision.Accept([new Event.Died(now, failed.ExitCode, TimeSpan.Zero, false, failed.Error, false)])
                : Decision.Reject($"a start failure cannot be recorded: {Describe(state)}"),
            RuntimeExited exited => DecideRuntimeExited(state, exited, now),
            RuntimeStopEscalated => DecideStopEscalated(state, now),
            ShutdownStop => DecideShutdownStop(state, now),
            RuntimeOomKilled => IsAlive(state)
                ? Decision.Accept([new Event.OutOfMemory(now)])
                : Decision.Reject($"an OOM kill cannot be recorded: {Describe(state)}"),
            RuntimePaused => state.Status == ContainerStatus.Running
                ? Decision.Accept([new Event.Paused(now)], new Effect.CancelHealthProbe())
                : Decision.Reject($"a pause cannot be recorded: {Describe(state)}"),
            RuntimeResumed => state.Status == ContainerStatus.Paused
                ? Decision.Accept([new Event.Unpaused(now)], ArmProbes(state.Apply(new Event.Unpaused(now)), now))
                : Decision.Reject($"a resume cannot be recorded: {Describe(state)}, not paused"),
            HealthResult result => DecideHealthResult(state, result, now),
            ScheduleRestart schedule => DecideScheduleRestart(state, schedule, now),
            RestartDue => state.Status == ContainerStatus.Restarting
                ? Decision.Accept([], new Effect.StartWorkload(state.RestartByPolicy ? StartTrigger.Policy : StartTrigger.Operator))
                : Decision.Reject($"no restart is pending: {Describe(state)}"),
            GiveUp giveUp => DecideGiveUp(state, giveUp, now),
            JoinGroup join => DecideJoinGroup(state, join, now),
            GroupStop stop => DecideGroupStop(state, stop, now),
            GroupStart start => DecideGroupStart(state, start, now),
            _ => Decision.Reject($"unknown command {command.GetType().Name}"),
        };
    }

    private static Decision DecideCreate(ContainerState state, Create create, DateTimeOffset now)
    {
        if (state.Status != ContainerStatus.None)
            return Decision.Reject(state.Status == ContainerStatus.Removed
                ? "the container was removed; create a new one under another id"
                : $"the container already exists ({Describe(state)})");
        if (create.Spec is null)
            return Decision.Reject("create needs a spec");
        var errors = SpecValidator.Validate(create.Spec);
        return errors.Count > 0
            ? Decision.Reject("invalid spec: " + string.Join("; ", errors))
            : Decision.Accept([new Event.Created(now, create.Spec)]);
    }

    private static Decision DecideStart(ContainerState state, Start start) => state.Status switch
    {
        _ when start.Trigger == StartTrigger.Policy => Decision.Reject("a policy start comes from the restart decision (restart_due), not from start"),
        ContainerStatus.Created or ContainerStatus.Exited => Decision.Accept([], new Effect.StartWorkload(start.Trigger)),
        ContainerStatus.Paused => Decision.Reject("cannot start a paused container: unpause it instead"),
        ContainerStatus.Restarting => Decision.Reject($"cannot start: {Describe(state)}; stop it first or restart it"),
        _ => Decision.Reject($"cannot start: {Describe(state)} (not modified)"),
    };

    private static Decision DecideStop(ContainerState state, Stop stop, DateTimeOffset now)
    {
        if (stop.Timeout < TimeSpan.Zero)
            return Decision.Reject($"invalid stop timeout {GoDuration.Format(stop.Timeout.Value)}: cannot be negative");
        // Docker answers a stop of a stopped container with "not modified" and the CLI exits 0; a second stop of a
        // container being stopped waits for the same exit. Both are accepted with nothing to record.
        return state.Status switch
        {
            ContainerStatus.Running or ContainerStatus.Paused when state.PendingStop == StopPurpose.Stop => Decision.Accept([]),
            ContainerStatus.Running or ContainerStatus.Paused => StopWorkload(state, StopPurpose.Stop, stop.Timeout, now),
            ContainerStatus.Restarting => Decision.Accept([new Event.Stopped(now)], new Effect.CancelRestart()),
            ContainerStatus.Exited when state.RestartPending => Decision.Accept([new Event.Stopped(now)]),
            ContainerStatus.Created or ContainerStatus.Exited => Decision.Accept([]),
            _ => Decision.Reject($"cannot stop: {Describe(state)}"),
        };
    }

    private static Decision DecideRestart(ContainerState state, Restart restart, DateTimeOffset now)
    {
        if (restart.Timeout < TimeSpan.Zero)
            return Decision.Reject($"invalid stop timeout {GoDuration.Format(restart.Timeout.Value)}: cannot be negative");
        var restarting = new Event.Restarting(now, 0, TimeSpan.Zero, TimeSpan.Zero, false, OperatorRestartReason);
        return state.Status switch
        {
            ContainerStatus.Running or ContainerStatus.Paused => StopWorkload(state, StopPurpose.Restart, restart.Timeout, now),
            ContainerStatus.Restarting => Decision.Accept([restarting], new Effect.CancelRestart(), new Effect.StartWorkload()),
            _ => Decision.Accept([restarting], new Effect.StartWorkload()),
        };
    }

    private static Decision StopWorkload(ContainerState state, StopPurpose purpose, TimeSpan? timeout, DateTimeOffset now)
    {
        // An operator's stop or restart takes over a kill or a restart on unhealthy already under way.
        if (state.PendingStop is StopPurpose.Stop or StopPurpose.Restart)
            return Decision.Reject($"a {state.PendingStop.ToString().ToLowerInvariant()} is already in progress");
        var spec = state.Spec!;
        return Decision.Accept(
            [new Event.Killed(now, spec.StopSignal, purpose, purpose != StopPurpose.Unhealthy)],
            new Effect.CancelHealthProbe(),
            new Effect.StopWorkload(spec.StopSignal, timeout ?? spec.StopTimeout));
    }

    private static Decision DecideStopEscalated(ContainerState state, DateTimeOffset now)
    {
        if (!IsAlive(state) || state.PendingStop is StopPurpose.None or StopPurpose.Kill)
            return Decision.Reject($"no stop is in progress to escalate: {Describe(state)}");
        // Docker's second kill event (signal 9): same purpose as the stop it escalates, nothing more to do.
        return Decision.Accept([new Event.Killed(now, UnixSignal.Kill.Name, state.PendingStop, state.PendingStop != StopPurpose.Unhealthy)]);
    }

    private static Decision DecideShutdownStop(ContainerState state, DateTimeOffset now)
    {
        if (state.Status is not (ContainerStatus.Running or ContainerStatus.Paused)
            || state.PendingStop is StopPurpose.Stop or StopPurpose.Restart or StopPurpose.Remove or StopPurpose.Shutdown or StopPurpose.Group)
            return Decision.Accept([]); // nothing runs, or a stop under way ends it anyway
        var spec = state.Spec!;
        return Decision.Accept(
            [new Event.Killed(now, spec.StopSignal, StopPurpose.Shutdown, true)],
            new Effect.CancelHealthProbe(),
            new Effect.StopWorkload(spec.StopSignal, spec.StopTimeout));
    }

    private static Decision DecideKill(ContainerState state, Kill kill, DateTimeOffset now)
    {
        if (!UnixSignal.TryParse(kill.Signal, out var signal, out var error))
            return Decision.Reject(error);
        // Docker's ExitOnNext: SIGKILL or the stop signal cancels the restart; other signals (a reload's
        // SIGHUP) only mark the container as manually stopped.
        var cancels = signal == UnixSignal.Kill
            || (UnixSignal.TryParse(state.Spec!.StopSignal, out var stopSignal, out _) && stopSignal == signal);
        return state.Status switch
        {
            ContainerStatus.Running or ContainerStatus.Paused => Decision.Accept(
                [new Event.Killed(now, signal.Name, StopPurpose.Kill, cancels)], new Effect.KillWorkload(signal.Name)),
            ContainerStatus.Restarting when cancels => Decision.Accept([new Event.Stopped(now)], new Effect.CancelRestart()),
            _ => Decision.Reject($"cannot send {signal.Name}: {Describe(state)}, nothing runs"),
        };
    }

    private static Decision DecideRemove(ContainerState state, Remove remove, DateTimeOffset now) => state.Status switch
    {
        ContainerStatus.Created or ContainerStatus.Exited => Decision.Accept([new Event.Destroyed(now)], new Effect.RemoveWorkload()),
        ContainerStatus.Running or ContainerStatus.Paused when remove.Force => Decision.Accept(
            [new Event.Killed(now, UnixSignal.Kill.Name, StopPurpose.Remove, true)],
            new Effect.CancelHealthProbe(), new Effect.KillWorkload(UnixSignal.Kill.Name)),
        ContainerStatus.Restarting when remove.Force => Decision.Accept(
            [new Event.Destroyed(now)], new Effect.CancelRestart(), new Effect.RemoveWorkload()),
        _ => Decision.Reject($"cannot remove: {Describe(state)}; stop it first or remove with force"),
    };

    private static Decision DecideUpdate(ContainerState state, Update update, DateTimeOffset now)
    {
        var errors = SpecUpdateRules.Validate(state.Spec!, update);
        if (errors.Count > 0)
            return Decision.Reject("invalid update: " + string.Join("; ", errors));
        var health = update.HealthCheck is { IsEmpty: false } change ? change.ApplyTo(state.Spec!.HealthCheck) : null;
        var readiness = update.Readiness is { IsEmpty: false } ready ? ready.ApplyTo(state.Spec!.Readiness) : null;
        var updated = new Event.Updated(now, update.Policy, update.MemoryLimitBytes, health, readiness);
        var effects = new List<Effect>();
        if (update.MemoryLimitBytes is { } memory && state.Status is ContainerStatus.Running or ContainerStatus.Paused)
            effects.Add(new Effect.UpdateWorkloadMemory(memory));
        // New probe settings take effect from the next probe schedule: the one pending is replaced, no restart.
        if (state.Status == ContainerStatus.Running && state.PendingStop == StopPurpose.None)
        {
            var after = state.Apply(updated);
            if (health is not null)
                effects.AddRange(health.Enabled ? ArmProbe(after, ProbeKind.Health, now) : [new Effect.CancelHealthProbe(ProbeKind.Health)]);
            if (readiness is not null)
                effects.AddRange(readiness.Enabled ? ArmProbe(after, ProbeKind.Readiness, now) : [new Effect.CancelHealthProbe(ProbeKind.Readiness)]);
        }
        return Decision.Accept([updated], [.. effects]);
    }

    private static Decision DecideRuntimeStarted(ContainerState state, RuntimeStarted started, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(started.WorkloadId))
            return Decision.Reject("a start needs the workload's id");
        if (!IsStartable(state))
            return Decision.Reject($"a start cannot be recorded: {Describe(state)}");
        var byPolicy = state.Status == ContainerStatus.Restarting && state.RestartByPolicy;
        // Run times count from the spawn (Docker's StartedAt), not from when the start reached the decider.
        var at = started.At is { } spawned && spawned < now ? spawned : now;
        var recovery = !byPolicy && started.Trigger == StartTrigger.Recovery;
        var startedEvent = new Event.Started(at, started.WorkloadId, started.Pid, started.StartTicks, byPolicy, recovery);
        return Decision.Accept([startedEvent], ArmProbes(state.Apply(startedEvent), now));
    }

    private static Decision DecideRuntimeExited(ContainerState state, RuntimeExited exited, DateTimeOffset now)
    {
        if (!IsAlive(state))
            return Decision.Reject($"an exit cannot be recorded: {Describe(state)}, no workload runs");
        // A workload that exits at once can be seen exiting before its start is recorded: the die never precedes the start.
        var at = state.StartedAt is { } startedAt && exited.At < startedAt ? startedAt : exited.At;
        var duration = at - (state.StartedAt ?? at);
        var oom = exited.OomKilled || state.OomKilled;
        Event.Died Died(bool restartPending) => new(at, exited.ExitCode, duration, oom, null, restartPending);
        var cancelProbe = new Effect.CancelHealthProbe();

        switch (state.PendingStop)
        {
            case StopPurpose.Remove:
                return Decision.Accept([Died(false), new Event.Destroyed(now)], cancelProbe, new Effect.RemoveWorkload());
            case StopPurpose.Stop:
                return Decision.Accept([Died(false), new Event.Stopped(now)], cancelProbe);
            case StopPurpose.Shutdown:
                return Decision.Accept([Died(false), new Event.Stopped(now, ByShutdown: true)], cancelProbe);
            case StopPurpose.Group:
                return Decision.Accept([Died(false), new Event.Stopped(now, ByGroup: true)], cancelProbe);
            case StopPurpose.Restart:
                return Decision.Accept(
                    [Died(false), new Event.Stopped(now), new Event.Restarting(now, 0, TimeSpan.Zero, TimeSpan.Zero, false, OperatorRestartReason)],
                    cancelProbe, new Effect.StartWorkload());
            default:
                var (allowed, _) = RestartManager.PolicyAllows(state.RestartContextFor(exited.ExitCode, duration));
                return allowed
                    ? Decision.Accept([Died(true)], cancelProbe, new Effect.ReportExit())
                    : Decision.Accept([Died(false)], cancelProbe);
        }
    }

    private static Decision DecideHealthResult(ContainerState state, HealthResult result, DateTimeOffset now)
    {
        var spec = state.Spec!;
        if (CheckOf(spec, result.Probe) is not { Enabled: true } check)
            return Decision.Reject(result.Probe == ProbeKind.Health ? "the container has no health check" : "the container has no readiness probe");
        if (state.Status != ContainerStatus.Running || state.PendingStop != StopPurpose.None)
            return Decision.Reject($"probes run only while running and not paused: {Describe(state)}");
        if (result.Duration < TimeSpan.Zero)
            return Decision.Reject($"invalid probe duration {GoDuration.Format(result.Duration)}: cannot be negative");

        var entry = HealthMonitor.Entry(check, result.ExitCode, result.Output ?? "", result.Duration, result.TimedOut, now);
        if (result.Probe == ProbeKind.Readiness)
            return DecideReadinessResult(state, entry, now);
        var events = new List<Event> { new Event.HealthProbed(now, entry) };
        var after = state.Apply(events[0]);
        if (after.Health!.Status != state.Health?.Status)
            events.Add(new Event.HealthStatusChanged(now, after.Health.Status));

        if (spec.RestartOnUnhealthy is { } unhealthy && unhealthy.ShouldRestart(after.UnhealthyFailures))
        {
            events.Add(new Event.Killed(now, spec.StopSignal, StopPurpose.Unhealthy, false));
            return Decision.Accept(events, new Effect.CancelHealthProbe(), new Effect.StopWorkload(spec.StopSignal, spec.StopTimeout));
        }
        return Decision.Accept(events, ArmProbe(after, ProbeKind.Health, now));
    }

    // Readiness is reported and gates nothing: its result never stops, restarts or kills anything.
    private static Decision DecideReadinessResult(ContainerState state, HealthLogEntry entry, DateTimeOffset now)
    {
        var events = new List<Event> { new Event.ReadinessProbed(now, entry) };
        var after = state.Apply(events[0]);
        var before = state.Readiness is { } readiness ? ReadinessRule.Of(readiness.Status) : (ReadinessStatus?)null;
        var status = ReadinessRule.Of(after.Readiness!.Status);
        if (status != before)
            events.Add(new Event.ReadinessStatusChanged(now, status));
        return Decision.Accept(events, ArmProbe(after, ProbeKind.Readiness, now));
    }

    private static Decision DecideScheduleRestart(ContainerState state, ScheduleRestart schedule, DateTimeOffset now)
    {
        var decision = schedule.Decision;
        if (decision.Verdict != RestartVerdict.Restart)
            return Decision.Reject($"a restart can only be scheduled for a restart verdict, not {decision.Verdict}");
        if (state.Status != ContainerStatus.Exited || !state.RestartPending)
            return Decision.Reject($"no restart decision is pending: {Describe(state)}");
        if (decision.Attempt != state.RestartCount + 1)
            return Decision.Reject($"stale restart decision: attempt {decision.Attempt}, but the next attempt is {state.RestartCount + 1}");
        if (decision.Delay < TimeSpan.Zero || decision.Backoff < TimeSpan.Zero)
            return Decision.Reject("a restart delay cannot be negative");
        return Decision.Accept([new Event.Restarting(now, decision.Attempt, decision.Delay, decision.Backoff, true, decision.Reason)]);
    }

    private static Decision DecideGiveUp(ContainerState state, GiveUp giveUp, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(giveUp.Reason))
            return Decision.Reject("giving up needs a reason");
        if (state.Status != ContainerStatus.Exited || !state.RestartPending)
            return Decision.Reject($"no restart decision is pending: {Describe(state)}");
        return Decision.Accept([new Event.GaveUp(now, giveUp.Reason)]);
    }

    /// <summary>The check of <paramref name="probe"/>'s kind in <paramref name="spec"/>, if any.</summary>
    public static HealthCheck? CheckOf(ContainerSpec spec, ProbeKind probe) =>
        probe == ProbeKind.Health ? spec.HealthCheck : spec.Readiness;

    /// <summary>
    /// The schedule of every probe <paramref name="state"/> has (a start, an unpause, a node adopting the workload):
    /// each from its own state, by <see cref="HealthMonitor.NextProbeDelay"/>.
    /// </summary>
    public static Effect[] ArmProbes(ContainerState state, DateTimeOffset now) =>
        [.. ArmProbe(state, ProbeKind.Health, now), .. ArmProbe(state, ProbeKind.Readiness, now)];

    private static Effect[] ArmProbe(ContainerState state, ProbeKind probe, DateTimeOffset now)
    {
        if (state.Spec is not { } spec || CheckOf(spec, probe) is not { Enabled: true } check)
            return [];
        var status = (probe == ProbeKind.Health ? state.Health : state.Readiness)?.Status ?? HealthStatus.Starting;
        return [new Effect.ScheduleHealthProbe(HealthMonitor.NextProbeDelay(check, status, state.StartedAt ?? now, now), probe)];
    }

    private static Decision DecideJoinGroup(ContainerState state, JoinGroup join, DateTimeOffset now)
    {
        if (join.Group is { } group && state.Group is { } current && !string.Equals(current, group, StringComparison.Ordinal))
            return Decision.Reject($"container {state.Spec!.Name} is already a member of group {current}; a container is in one group at most");
        var restarts = join.Group is not null && join.GroupRestarts;
        if (string.Equals(state.Group, join.Group, StringComparison.Ordinal) && state.GroupRestarts == restarts)
            return Decision.Accept([]);
        return Decision.Accept([new Event.GroupChanged(now, join.Group, restarts)]);
    }

    private static Decision DecideGroupStop(ContainerState state, GroupStop stop, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(stop.Reason))
            return Decision.Reject("a group stop needs a reason");
        var spec = state.Spec!;
        var purpose = stop.Manual ? StopPurpose.Stop : StopPurpose.Group;
        return state.Status switch
        {
            // An operator's stop, restart or a removal under way ends the workload anyway.
            ContainerStatus.Running or ContainerStatus.Paused when state.PendingStop is StopPurpose.Stop or StopPurpose.Restart
                or StopPurpose.Remove or StopPurpose.Shutdown or StopPurpose.Group => Decision.Accept([]),
            ContainerStatus.Running or ContainerStatus.Paused => Decision.Accept(
                [new Event.Killed(now, spec.StopSignal, purpose, true, stop.Reason)],
                new Effect.CancelHealthProbe(), new Effect.StopWorkload(spec.StopSignal, spec.StopTimeout)),
            ContainerStatus.Restarting => Decision.Accept([new Event.Stopped(now, ByGroup: !stop.Manual)], new Effect.CancelRestart()),
            ContainerStatus.Exited when state.RestartPending => Decision.Accept([new Event.Stopped(now, ByGroup: !stop.Manual)]),
            _ => Decision.Accept([]),
        };
    }

    private static Decision DecideGroupStart(ContainerState state, GroupStart start, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(start.Reason))
            return Decision.Reject("a group start needs a reason");
        var restarting = new Event.Restarting(now, 0, TimeSpan.Zero, TimeSpan.Zero, false, start.Reason);
        return state.Status switch
        {
            ContainerStatus.Created or ContainerStatus.Exited => Decision.Accept([restarting], new Effect.StartWorkload()),
            ContainerStatus.Restarting => Decision.Accept([restarting], new Effect.CancelRestart(), new Effect.StartWorkload()),
            _ => Decision.Accept([]), // it runs (or is paused) already: the group's order is kept
        };
    }

    private static bool IsStartable(ContainerState state) =>
        state.Status is ContainerStatus.Created or ContainerStatus.Exited or ContainerStatus.Restarting;

    private static bool IsAlive(ContainerState state) =>
        state.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Removing;

    private static string Describe(ContainerState state) => state.Status switch
    {
        ContainerStatus.Running when state.PendingStop != StopPurpose.None => $"the container is running, {state.PendingStop.ToString().ToLowerInvariant()} in progress",
        ContainerStatus.Restarting => $"the container is restarting (next start due at {state.RestartDueAt:O})",
        ContainerStatus.Exited when state.GaveUpReason is not null => $"the container is exited (gave up: {state.GaveUpReason})",
        _ => $"the container is {state.Status.ToString().ToLowerInvariant()}",
    };
}
