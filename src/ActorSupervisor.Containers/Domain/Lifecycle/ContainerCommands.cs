using System.Text.Json.Serialization;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>
/// What a container actor is asked or told: operators' commands, its runtime's signals, its health
/// probe's results and its supervisor's restart decisions. <see cref="ContainerDecider.Decide"/> turns each
/// into events, or rejects it with a reason.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Create), "create")]
[JsonDerivedType(typeof(Start), "start")]
[JsonDerivedType(typeof(Stop), "stop")]
[JsonDerivedType(typeof(Restart), "restart")]
[JsonDerivedType(typeof(Kill), "kill")]
[JsonDerivedType(typeof(Pause), "pause")]
[JsonDerivedType(typeof(Unpause), "unpause")]
[JsonDerivedType(typeof(Remove), "remove")]
[JsonDerivedType(typeof(Update), "update")]
[JsonDerivedType(typeof(RuntimeStarted), "runtime_started")]
[JsonDerivedType(typeof(RuntimeStartFailed), "runtime_start_failed")]
[JsonDerivedType(typeof(RuntimeStopEscalated), "runtime_stop_escalated")]
[JsonDerivedType(typeof(ShutdownStop), "shutdown_stop")]
[JsonDerivedType(typeof(RuntimeExited), "runtime_exited")]
[JsonDerivedType(typeof(RuntimeOomKilled), "runtime_oom")]
[JsonDerivedType(typeof(RuntimePaused), "runtime_paused")]
[JsonDerivedType(typeof(RuntimeResumed), "runtime_resumed")]
[JsonDerivedType(typeof(HealthResult), "health_result")]
[JsonDerivedType(typeof(ScheduleRestart), "schedule_restart")]
[JsonDerivedType(typeof(RestartDue), "restart_due")]
[JsonDerivedType(typeof(GiveUp), "give_up")]
[JsonDerivedType(typeof(JoinGroup), "join_group")]
[JsonDerivedType(typeof(GroupStop), "group_stop")]
[JsonDerivedType(typeof(GroupStart), "group_start")]
public abstract record ContainerCommand
{
    /// <summary>Operator: create the container from <paramref name="Spec"/>.</summary>
    public sealed record Create(ContainerSpec Spec) : ContainerCommand;

    /// <summary>
    /// Start it (resets the restart count and the manual-stop flag, as Docker's start does). <paramref name="Trigger"/>
    /// says who asks: an operator, or the node bringing it back at its own start (<see cref="StartTrigger.Recovery"/>,
    /// Docker's restore); policy restarts come through <see cref="RestartDue"/> instead.
    /// </summary>
    public sealed record Start(StartTrigger Trigger = StartTrigger.Operator) : ContainerCommand;

    /// <summary>
    /// Operator: stop it with its stop signal, then SIGKILL after <paramref name="Timeout"/> (null: the spec's). A container
    /// that is not running (created, exited) or already being stopped is left as it is: accepted with no events.
    /// </summary>
    public sealed record Stop(TimeSpan? Timeout = null) : ContainerCommand;

    /// <summary>Operator: stop it (as <see cref="Stop"/>) and start it again.</summary>
    public sealed record Restart(TimeSpan? Timeout = null) : ContainerCommand;

    /// <summary>Operator: send <paramref name="Signal"/> (a name or number; default SIGKILL).</summary>
    public sealed record Kill(string Signal = "SIGKILL") : ContainerCommand;

    /// <summary>Operator: freeze the workload.</summary>
    public sealed record Pause : ContainerCommand;

    /// <summary>Operator: thaw the workload.</summary>
    public sealed record Unpause : ContainerCommand;

    /// <summary>Operator: remove the container; <paramref name="Force"/> kills a running workload first.</summary>
    public sealed record Remove(bool Force = false) : ContainerCommand;

    /// <summary>
    /// Operator: change settings in place (Docker's <c>update</c>); each one given replaces the spec's, null keeps it. A
    /// memory limit applies to a running workload now, the restart policy to the next exit, health settings from the
    /// next probe schedule.
    /// </summary>
    /// <param name="Policy">A new restart policy.</param>
    /// <param name="MemoryLimitBytes">A new memory limit in bytes.</param>
    /// <param name="HealthCheck">Changes to the health check.</param>
    /// <param name="Readiness">Changes to the readiness probe.</param>
    public sealed record Update(RestartPolicy? Policy, long? MemoryLimitBytes = null, HealthCheckUpdate? HealthCheck = null,
        HealthCheckUpdate? Readiness = null) : ContainerCommand;

    /// <summary>Runtime: the workload runs.</summary>
    /// <param name="WorkloadId">The runtime's id of the workload.</param>
    /// <param name="Pid">Its main pid, when known.</param>
    /// <param name="StartTicks">The runtime's start stamp of the pid.</param>
    /// <param name="At">When it was spawned (the runtime handle's <c>StartedAt</c>); run times count from it. Null: now.</param>
    /// <param name="Trigger">
    /// The trigger of the <see cref="ContainerEffect.StartWorkload"/> it answers (pass the effect's); a start the
    /// restart policy made is recognized from the state whatever this says.
    /// </param>
    public sealed record RuntimeStarted(string WorkloadId, int? Pid, long StartTicks = 0, DateTimeOffset? At = null,
        StartTrigger Trigger = StartTrigger.Operator) : ContainerCommand;

    /// <summary>Runtime: the workload could not be started (Docker: 127 not found, 126 not executable).</summary>
    public sealed record RuntimeStartFailed(int ExitCode, string Error) : ContainerCommand;

    /// <summary>
    /// Runtime: the workload outlived its stop timeout and is being sent SIGKILL (Docker's second <c>kill</c> event).
    /// The runtime reports it just before it signals, so it arrives before the exit.
    /// </summary>
    public sealed record RuntimeStopEscalated : ContainerCommand;

    /// <summary>
    /// Node shutdown with <c>shutdown.stop-workloads</c>: stop the workload as a stop would (kill, die, stop are
    /// recorded), but not as an operator's stop: the manual-stop flag stays as it was and no restart is counted; the
    /// node's next start applies Docker's restore rule. A container with no running workload is left as it is.
    /// </summary>
    public sealed record ShutdownStop : ContainerCommand;

    /// <summary>Runtime: the workload exited at <paramref name="At"/>; <paramref name="ExitCode"/> null when unknown.</summary>
    public sealed record RuntimeExited(int? ExitCode, bool OomKilled, DateTimeOffset At) : ContainerCommand;

    /// <summary>Runtime: a process of the workload was killed for exceeding the memory limit.</summary>
    public sealed record RuntimeOomKilled : ContainerCommand;

    /// <summary>Runtime: the workload is frozen.</summary>
    public sealed record RuntimePaused : ContainerCommand;

    /// <summary>Runtime: the workload is thawed.</summary>
    public sealed record RuntimeResumed : ContainerCommand;

    /// <summary>Probe timer: a probe (the health check's, or the readiness probe's) ended now, after <paramref name="Duration"/>.</summary>
    public sealed record HealthResult(int ExitCode, string Output, TimeSpan Duration, bool TimedOut = false, ProbeKind Probe = ProbeKind.Health)
        : ContainerCommand;

    /// <summary>Supervisor: the policy restarts the container; start it after <paramref name="Decision"/>'s delay.</summary>
    public sealed record ScheduleRestart(RestartDecision Decision) : ContainerCommand;

    /// <summary>Supervisor: the restart delay is over; start the workload.</summary>
    public sealed record RestartDue : ContainerCommand;

    /// <summary>Supervisor: it restarted too often; give up.</summary>
    public sealed record GiveUp(string Reason) : ContainerCommand;

    /// <summary>
    /// Group: the container joins <paramref name="Group"/> (null: leaves its group). A container is in one group at most;
    /// <paramref name="GroupRestarts"/> says whether the group decides its restarts (one_for_all, rest_for_one).
    /// </summary>
    public sealed record JoinGroup(string? Group, bool GroupRestarts) : ContainerCommand;

    /// <summary>
    /// Group: stop the workload with its stop signal and timeout because of <paramref name="Reason"/>. Not
    /// <paramref name="Manual"/>: part of a group restart (no manual-stop flag, no restart; the group starts it again).
    /// <paramref name="Manual"/>: the group gave up, as an operator's stop. Nothing running: nothing to do.
    /// </summary>
    public sealed record GroupStop(string Reason, bool Manual = false) : ContainerCommand;

    /// <summary>
    /// Group: start it now because of <paramref name="Reason"/> (an exit awaiting the group's decision included); one
    /// that runs already is left as it is.
    /// </summary>
    public sealed record GroupStart(string Reason) : ContainerCommand;
}
