using System.Text.Json.Serialization;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>
/// What happened to a container: the persisted audit trail, named as Docker's container events where one
/// exists (<see cref="Action"/>). Every event carries its time. Serializes with System.Text.Json, as the
/// base type too (the <c>type</c> property holds the action).
/// </summary>
/// <param name="At">When it happened.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Created), "create")]
[JsonDerivedType(typeof(Started), "start")]
[JsonDerivedType(typeof(Died), "die")]
[JsonDerivedType(typeof(OutOfMemory), "oom")]
[JsonDerivedType(typeof(Killed), "kill")]
[JsonDerivedType(typeof(Stopped), "stop")]
[JsonDerivedType(typeof(Paused), "pause")]
[JsonDerivedType(typeof(Unpaused), "unpause")]
[JsonDerivedType(typeof(Restarting), "restart")]
[JsonDerivedType(typeof(HealthProbed), "health_probe")]
[JsonDerivedType(typeof(HealthStatusChanged), "health_status")]
[JsonDerivedType(typeof(ReadinessProbed), "readiness_probe")]
[JsonDerivedType(typeof(ReadinessStatusChanged), "readiness_status")]
[JsonDerivedType(typeof(Updated), "update")]
[JsonDerivedType(typeof(Destroyed), "destroy")]
[JsonDerivedType(typeof(GaveUp), "gave_up")]
[JsonDerivedType(typeof(GroupChanged), "group")]
public abstract record ContainerEvent(DateTimeOffset At)
{
    /// <summary>The event's name: Docker's action (<c>create</c>, <c>die</c>, ...) or ours (<c>gave_up</c>, <c>health_probe</c>).</summary>
    [JsonIgnore]
    public abstract string Action { get; }

    /// <summary><c>create</c>: the container exists, with this spec.</summary>
    public sealed record Created(DateTimeOffset At, ContainerSpec Spec) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "create";
    }

    /// <summary><c>start</c>: the workload runs. A start not made by the restart policy resets the restart count.</summary>
    /// <param name="At">When it started.</param>
    /// <param name="WorkloadId">The runtime's id of the workload (pid or Docker id).</param>
    /// <param name="Pid">The main process id, when known.</param>
    /// <param name="StartTicks">The runtime's start stamp of the pid, so a reused pid is not mistaken for it.</param>
    /// <param name="ByPolicy">Started by the restart policy (keeps the restart count) rather than by an operator.</param>
    /// <param name="Recovery">Started by the node at its own start (Docker's restore; resets the count as an operator's start does).</param>
    public sealed record Started(DateTimeOffset At, string WorkloadId, int? Pid, long StartTicks, bool ByPolicy, bool Recovery = false) : ContainerEvent(At)
    {
        /// <summary>Who started it.</summary>
        [JsonIgnore]
        public StartTrigger Trigger => ByPolicy ? StartTrigger.Policy : Recovery ? StartTrigger.Recovery : StartTrigger.Operator;

        /// <inheritdoc />
        public override string Action => "start";
    }

    /// <summary><c>die</c>: the workload exited, or failed to start.</summary>
    /// <param name="At">When it exited.</param>
    /// <param name="ExitCode">The exit code, null when unknown (it ended while the node was down).</param>
    /// <param name="ExecDuration">How long it ran.</param>
    /// <param name="OomKilled">The kernel killed it for exceeding its memory limit.</param>
    /// <param name="Error">Why it could not start, for a start failure.</param>
    /// <param name="RestartPending">The restart policy allows a restart: the supervisor is asked to decide.</param>
    public sealed record Died(DateTimeOffset At, int? ExitCode, TimeSpan ExecDuration, bool OomKilled, string? Error, bool RestartPending)
        : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "die";
    }

    /// <summary><c>oom</c>: a process of the workload was killed for exceeding the memory limit.</summary>
    public sealed record OutOfMemory(DateTimeOffset At) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "oom";
    }

    /// <summary><c>kill</c>: the workload was sent a signal.</summary>
    /// <param name="At">When.</param>
    /// <param name="Signal">The signal's name.</param>
    /// <param name="Purpose">Why: stop, kill, restart, removal or restart on unhealthy.</param>
    /// <param name="CancelsRestart">The exit it causes is not restarted by the policy (Docker's ExitOnNext).</param>
    /// <param name="Reason">Who asked, when it was not the container's own operator: a group's restart or give-up.</param>
    public sealed record Killed(DateTimeOffset At, string Signal, StopPurpose Purpose, bool CancelsRestart, string? Reason = null) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "kill";
    }

    /// <summary><c>stop</c>: an operator stopped the container (after its exit, or while a restart was pending), or the node's shutdown did.</summary>
    /// <param name="At">When.</param>
    /// <param name="ByShutdown">The node's shutdown stopped it: not a manual stop (Docker does not set HasBeenManuallyStopped while shutting down).</param>
    /// <param name="ByGroup">Its group's orderly restart stopped it: not a manual stop either; the group starts it again.</param>
    public sealed record Stopped(DateTimeOffset At, bool ByShutdown = false, bool ByGroup = false) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "stop";
    }

    /// <summary><c>pause</c>: the workload is frozen; probes stop.</summary>
    public sealed record Paused(DateTimeOffset At) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "pause";
    }

    /// <summary><c>unpause</c>: the workload is thawed; probes resume.</summary>
    public sealed record Unpaused(DateTimeOffset At) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "unpause";
    }

    /// <summary>
    /// <c>restart</c>: the container will start again after <paramref name="Delay"/>. Persisted for both kinds so that
    /// replay is exact; the API narrates only an operator's one as Docker's <c>restart</c> event; a policy restart
    /// shows as <c>die</c> then <c>start</c>, its attempt, delay and reason on the <c>start</c>.
    /// </summary>
    /// <param name="At">When it was decided.</param>
    /// <param name="Attempt">For a policy restart, its number since the last explicit start; 0 for an operator's restart.</param>
    /// <param name="Delay">The wait, jitter included.</param>
    /// <param name="Backoff">The wait before jitter, which the next one grows from.</param>
    /// <param name="ByPolicy">A policy restart (counts) rather than an operator's.</param>
    /// <param name="Reason">Why, for operators.</param>
    public sealed record Restarting(DateTimeOffset At, int Attempt, TimeSpan Delay, TimeSpan Backoff, bool ByPolicy, string Reason)
        : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "restart";
    }

    /// <summary><c>health_probe</c> (ours; Docker reports probes as exec events): one probe's result.</summary>
    public sealed record HealthProbed(DateTimeOffset At, HealthLogEntry Result) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "health_probe";
    }

    /// <summary><c>health_status</c>: the health changed; emitted only on a change.</summary>
    public sealed record HealthStatusChanged(DateTimeOffset At, HealthStatus Status) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "health_status";
    }

    /// <summary><c>readiness_probe</c> (ours): one readiness probe's result.</summary>
    public sealed record ReadinessProbed(DateTimeOffset At, HealthLogEntry Result) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "readiness_probe";
    }

    /// <summary><c>readiness_status</c> (ours, Kubernetes' Ready condition): the readiness changed; emitted only on a change.</summary>
    public sealed record ReadinessStatusChanged(DateTimeOffset At, ReadinessStatus Status) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "readiness_status";
    }

    /// <summary><c>update</c>: settings changed in place; each field is null when it did not change.</summary>
    /// <param name="At">When.</param>
    /// <param name="Restart">The new restart policy.</param>
    /// <param name="MemoryLimitBytes">The new memory limit in bytes.</param>
    /// <param name="HealthCheck">The health check as it is now (the whole check, so that replay needs nothing else).</param>
    /// <param name="Readiness">The readiness probe as it is now (the whole check).</param>
    public sealed record Updated(DateTimeOffset At, RestartPolicy? Restart, long? MemoryLimitBytes = null, HealthCheck? HealthCheck = null,
        HealthCheck? Readiness = null)
        : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "update";
    }

    /// <summary><c>destroy</c>: the container was removed.</summary>
    public sealed record Destroyed(DateTimeOffset At) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "destroy";
    }

    /// <summary><c>gave_up</c> (ours): restarted too often; no more policy restarts until an explicit start.</summary>
    public sealed record GaveUp(DateTimeOffset At, string Reason) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "gave_up";
    }

    /// <summary>
    /// <c>group</c> (ours): the container joined a group (<paramref name="Group"/>) or left it (null). When
    /// <paramref name="GroupRestarts"/> (one_for_all, rest_for_one), an exit its policy would restart is decided by the
    /// group instead of by its own restart decision.
    /// </summary>
    public sealed record GroupChanged(DateTimeOffset At, string? Group, bool GroupRestarts) : ContainerEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "group";
    }
}
