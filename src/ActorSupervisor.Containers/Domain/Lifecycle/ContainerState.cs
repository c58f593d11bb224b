using System.Text.Json.Serialization;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>
/// A container as its events made it: what <c>inspect</c> shows and what the decider decides on. Built only
/// by <see cref="Apply"/>, so replaying the events rebuilds it; serializes with System.Text.Json for snapshots.
/// </summary>
public sealed record ContainerState
{
    /// <summary>Before the <c>create</c> event.</summary>
    public static readonly ContainerState Empty = new();

    /// <summary>Docker's status.</summary>
    public ContainerStatus Status { get; init; } = ContainerStatus.None;

    /// <summary>What it was created from (the restart policy as last updated).</summary>
    public ContainerSpec? Spec { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The running workload's runtime id, while one runs.</summary>
    public string? WorkloadId { get; init; }

    /// <summary>The running workload's main pid, when known.</summary>
    public int? Pid { get; init; }

    /// <summary>The runtime's start stamp of <see cref="Pid"/>, for adoption after a node restart.</summary>
    public long StartTicks { get; init; }

    /// <summary>When the workload last started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the workload last exited.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The last exit code, or null when running, never run or unknown.</summary>
    public int? ExitCode { get; init; }

    /// <summary>How long the last run lasted.</summary>
    public TimeSpan ExecDuration { get; init; }

    /// <summary>The kernel killed a process of this run for exceeding the memory limit (Docker's OOMKilled).</summary>
    public bool OomKilled { get; init; }

    /// <summary>Why the last start failed, if it did.</summary>
    public string? Error { get; init; }

    /// <summary>It was started at least once (Docker's HasBeenStartedBefore: only such containers come back on a node start).</summary>
    public bool HasBeenStartedBefore { get; init; }

    /// <summary>An operator stopped or killed it since its last explicit start (Docker's HasBeenManuallyStopped).</summary>
    public bool ManuallyStopped { get; init; }

    /// <summary>The next exit is not restarted by the policy (Docker's ExitOnNext after a stop).</summary>
    public bool RestartCanceled { get; init; }

    /// <summary>Why the workload is being signalled, deciding what its exit leads to.</summary>
    public StopPurpose PendingStop { get; init; } = StopPurpose.None;

    /// <summary>The last exit awaits the supervisor's restart decision (the policy allows a restart).</summary>
    public bool RestartPending { get; init; }

    /// <summary>Policy restarts since the last explicit start (Docker's RestartCount).</summary>
    public int RestartCount { get; init; }

    /// <summary>The last backoff before jitter, or null when none since the last explicit start.</summary>
    public TimeSpan? LastBackoff { get; init; }

    /// <summary>While restarting: when the workload is due to start.</summary>
    public DateTimeOffset? RestartDueAt { get; init; }

    /// <summary>While restarting: whether the restart is the policy's (rather than an operator's).</summary>
    public bool RestartByPolicy { get; init; }

    /// <summary>When recent policy restarts happened, within the intensity window (empty without intensity).</summary>
    public IReadOnlyList<DateTimeOffset> RecentRestarts { get; init; } = [];

    /// <summary>Why the supervisor gave up, or null.</summary>
    public string? GaveUpReason { get; init; }

    /// <summary>The health, or null without a health check or before the first start.</summary>
    public HealthState? Health { get; init; }

    /// <summary>
    /// The readiness probe's state (the health state machine's: starting, healthy = ready, unhealthy = not ready), or
    /// null without a readiness probe or before the first start. Read it through <see cref="ReadinessRule.Of"/>.
    /// </summary>
    public HealthState? Readiness { get; init; }

    /// <summary>Failed probes in a row that count toward restart on unhealthy.</summary>
    public int UnhealthyFailures { get; init; }

    /// <summary>The group it belongs to, or null.</summary>
    public string? Group { get; init; }

    /// <summary>Its group decides its restarts (one_for_all, rest_for_one) instead of its own restart decision.</summary>
    public bool GroupRestarts { get; init; }

    /// <summary>The state after <paramref name="events"/>, from <see cref="Empty"/>.</summary>
    public static ContainerState Replay(IEnumerable<ContainerEvent> events) =>
        events.Aggregate(Empty, (state, e) => state.Apply(e));

    /// <summary>The state after <paramref name="e"/>. Pure: the same events always give the same state.</summary>
    public ContainerState Apply(ContainerEvent e) => e switch
    {
        ContainerEvent.Created created => this with { Status = ContainerStatus.Created, Spec = created.Spec, CreatedAt = created.At },
        ContainerEvent.Started started => ApplyStarted(started),
        ContainerEvent.Died died => this with
        {
            Status = Status == ContainerStatus.Removing ? ContainerStatus.Removing : ContainerStatus.Exited,
            WorkloadId = null,
            Pid = null,
            StartTicks = 0,
            FinishedAt = died.At,
            ExitCode = died.ExitCode,
            ExecDuration = died.ExecDuration,
            OomKilled = died.OomKilled,
            Error = died.Error,
            RestartPending = died.RestartPending,
            PendingStop = StopPurpose.None,
            UnhealthyFailures = 0,
        },
        ContainerEvent.OutOfMemory => this with { OomKilled = true },
        ContainerEvent.Killed killed => this with
        {
            Status = killed.Purpose == StopPurpose.Remove ? ContainerStatus.Removing : Status,
            ManuallyStopped = ManuallyStopped || killed.Purpose is StopPurpose.Stop or StopPurpose.Kill or StopPurpose.Restart or StopPurpose.Remove,
            RestartCanceled = RestartCanceled || killed.CancelsRestart,
            PendingStop = killed.Purpose == StopPurpose.Kill && PendingStop != StopPurpose.None ? PendingStop : killed.Purpose,
        },
        ContainerEvent.Stopped stopped => this with
        {
            Status = ContainerStatus.Exited,
            ManuallyStopped = ManuallyStopped || !(stopped.ByShutdown || stopped.ByGroup),
            RestartCanceled = true,
            RestartPending = false,
            RestartDueAt = null,
        },
        // Docker's monitor stops while paused and inspect shows unhealthy with streak 0 (no event): the first probe
        // after the unpause then reports healthy again as a change.
        // A paused container is not ready either, by the same rule.
        ContainerEvent.Paused => this with { Status = ContainerStatus.Paused, Health = PausedProbe(Health), Readiness = PausedProbe(Readiness) },
        ContainerEvent.Unpaused => this with { Status = ContainerStatus.Running },
        ContainerEvent.Restarting restarting => ApplyRestarting(restarting),
        ContainerEvent.HealthProbed probed => ApplyProbe(probed.Result),
        ContainerEvent.HealthStatusChanged changed => this with { Health = (Health ?? HealthState.Starting()) with { Status = changed.Status } },
        ContainerEvent.ReadinessProbed probed => this with
        {
            Readiness = HealthMonitor.Record(Readiness ?? HealthState.Starting(), probed.Result, RequireSpec().Readiness ?? new HealthCheck(), StartedAt ?? probed.Result.Start),
        },
        ContainerEvent.ReadinessStatusChanged changed => this with
        {
            Readiness = (Readiness ?? HealthState.Starting()) with { Status = ReadinessRule.ToProbeStatus(changed.Status) },
        },
        ContainerEvent.Updated updated => ApplyUpdated(updated),
        ContainerEvent.Destroyed => this with { Status = ContainerStatus.Removed, RestartPending = false, RestartDueAt = null },
        ContainerEvent.GroupChanged changed => this with { Group = changed.Group, GroupRestarts = changed.Group is not null && changed.GroupRestarts },
        ContainerEvent.GaveUp gaveUp => this with { Status = ContainerStatus.Exited, GaveUpReason = gaveUp.Reason, RestartPending = false },
        _ => throw new ArgumentException($"unknown container event {e.GetType().Name}", nameof(e)),
    };

    /// <summary>
    /// What the restart decision needs about the last exit: hand it to <see cref="RestartManager.Decide"/>.
    /// </summary>
    public RestartContext RestartContext() => RestartContextFor(ExitCode, ExecDuration);

    /// <summary>The restart context for an exit with <paramref name="exitCode"/> after <paramref name="runDuration"/>.</summary>
    public RestartContext RestartContextFor(int? exitCode, TimeSpan runDuration)
    {
        var spec = RequireSpec();
        return new RestartContext(spec.Restart, spec.Backoff, spec.Intensity, exitCode, ManuallyStopped, RestartCanceled,
            runDuration, RestartCount, LastBackoff, RecentRestarts);
    }

    /// <summary>
    /// Whether the node starts this container when the node itself starts (Docker's restore rule): it is
    /// exited, was started before, was not given up on, and its policy says so (for <c>on-failure</c>: its last
    /// exit was a failure, not after a manual stop, with retries left). A container still awaiting
    /// a restart decision goes to the supervisor instead; a restarting one is rescheduled at <see cref="RestartDueAt"/>.
    /// </summary>
    [JsonIgnore]
    public bool ShouldStartOnNodeStart =>
        Status == ContainerStatus.Exited && !RestartPending && GaveUpReason is null
        && RequireSpec().Restart.ShouldRestartOnNodeStart(ManuallyStopped, HasBeenStartedBefore, ExitCode, RestartCount);

    private ContainerState ApplyStarted(ContainerEvent.Started started)
    {
        var state = this with
        {
            Status = ContainerStatus.Running,
            WorkloadId = started.WorkloadId,
            Pid = started.Pid,
            StartTicks = started.StartTicks,
            StartedAt = started.At,
            FinishedAt = null,
            ExitCode = null,
            OomKilled = false,
            Error = null,
            HasBeenStartedBefore = true,
            RestartCanceled = false,
            PendingStop = StopPurpose.None,
            RestartPending = false,
            RestartDueAt = null,
            RestartByPolicy = false,
            Health = RequireSpec().HealthCheck is { Enabled: true } ? HealthState.Starting() : null,
            Readiness = RequireSpec().Readiness is { Enabled: true } ? HealthState.Starting() : null,
            UnhealthyFailures = 0,
        };
        return started.ByPolicy
            ? state
            : state with { ManuallyStopped = false, RestartCount = 0, LastBackoff = null, RecentRestarts = [], GaveUpReason = null };
    }

    private ContainerState ApplyUpdated(ContainerEvent.Updated updated)
    {
        var spec = RequireSpec();
        var state = this with
        {
            Spec = spec with
            {
                Restart = updated.Restart ?? spec.Restart,
                MemoryLimitBytes = updated.MemoryLimitBytes ?? spec.MemoryLimitBytes,
                HealthCheck = updated.HealthCheck ?? spec.HealthCheck,
                Readiness = updated.Readiness ?? spec.Readiness,
            },
        };
        if (Status is not (ContainerStatus.Running or ContainerStatus.Paused))
            return state;
        // A check added to a running container starts as a start does; a check turned off leaves no health (or readiness).
        if (updated.HealthCheck is { } check)
            state = state with { Health = check.Enabled ? Health ?? HealthState.Starting() : null, UnhealthyFailures = check.Enabled ? UnhealthyFailures : 0 };
        if (updated.Readiness is { } readiness)
            state = state with { Readiness = readiness.Enabled ? Readiness ?? HealthState.Starting() : null };
        return state;
    }

    // Docker's monitor stops while paused and inspect shows unhealthy with streak 0 (no event).
    private static HealthState? PausedProbe(HealthState? probe) =>
        probe is { } state ? state with { Status = HealthStatus.Unhealthy, FailingStreak = 0 } : null;

    private ContainerState ApplyRestarting(ContainerEvent.Restarting restarting)
    {
        var state = this with
        {
            Status = ContainerStatus.Restarting,
            RestartPending = false,
            RestartDueAt = restarting.At + restarting.Delay,
            RestartByPolicy = restarting.ByPolicy,
        };
        if (!restarting.ByPolicy)
            return state;
        var intensity = RequireSpec().Intensity;
        var recent = intensity is null
            ? []
            : RecentRestarts.Where(at => intensity.InWindow(at, restarting.At)).Append(restarting.At).ToList();
        return state with { RestartCount = RestartCount + 1, LastBackoff = restarting.Backoff, RecentRestarts = recent };
    }

    private ContainerState ApplyProbe(HealthLogEntry entry)
    {
        var spec = RequireSpec();
        var check = spec.HealthCheck ?? new HealthCheck();
        var health = Health ?? HealthState.Starting();
        var startedAt = StartedAt ?? entry.Start;
        var failures = spec.RestartOnUnhealthy?.Count(UnhealthyFailures, entry.ExitCode == 0,
            HealthMonitor.IsFailure(entry, health.Status, check), startedAt, entry.Start) ?? 0;
        return this with { Health = HealthMonitor.Record(health, entry, check, startedAt), UnhealthyFailures = failures };
    }

    private ContainerSpec RequireSpec() =>
        Spec ?? throw new InvalidOperationException("the container has no spec: the create event must come first");
}
