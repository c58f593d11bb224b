namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>
/// What the host (the container actor) must do once a decision's events are durable: the "do" of
/// decide-then-do. The domain never does I/O; it only says what is needed.
/// </summary>
public abstract record ContainerEffect
{
    /// <summary>
    /// Start the workload from the spec; report <see cref="ContainerCommand.RuntimeStarted"/> (with the handle's
    /// <c>StartedAt</c> and this <paramref name="Trigger"/>) or <see cref="ContainerCommand.RuntimeStartFailed"/>.
    /// </summary>
    public sealed record StartWorkload(StartTrigger Trigger = StartTrigger.Operator) : ContainerEffect;

    /// <summary>
    /// Send <paramref name="Signal"/>, then SIGKILL after <paramref name="Timeout"/>; when the runtime escalates to
    /// SIGKILL, report <see cref="ContainerCommand.RuntimeStopEscalated"/> before the exit.
    /// </summary>
    public sealed record StopWorkload(string Signal, TimeSpan Timeout) : ContainerEffect;

    /// <summary>Send <paramref name="Signal"/>.</summary>
    public sealed record KillWorkload(string Signal) : ContainerEffect;

    /// <summary>Freeze the workload; report <see cref="ContainerCommand.RuntimePaused"/>.</summary>
    public sealed record PauseWorkload : ContainerEffect;

    /// <summary>Thaw the workload; report <see cref="ContainerCommand.RuntimeResumed"/>.</summary>
    public sealed record UnpauseWorkload : ContainerEffect;

    /// <summary>Apply a new memory limit to the running workload now (Docker's <c>update --memory</c>: no restart).</summary>
    public sealed record UpdateWorkloadMemory(long MemoryLimitBytes) : ContainerEffect;

    /// <summary>Release what the runtime keeps for the container (logs, cgroup).</summary>
    public sealed record RemoveWorkload : ContainerEffect;

    /// <summary>Run the next <paramref name="Probe"/> probe after <paramref name="Delay"/> (replacing any scheduled one of that kind).</summary>
    public sealed record ScheduleHealthProbe(TimeSpan Delay, Health.ProbeKind Probe = Health.ProbeKind.Health) : ContainerEffect;

    /// <summary>Run no more probes of <paramref name="Probe"/>'s kind (null: of any kind) until told again.</summary>
    public sealed record CancelHealthProbe(Health.ProbeKind? Probe = null) : ContainerEffect;

    /// <summary>Tell the supervisor about the exit: the policy allows a restart and it must decide (<c>RestartManager.Decide</c>).</summary>
    public sealed record ReportExit : ContainerEffect;

    /// <summary>Tell the supervisor to drop the pending restart timer.</summary>
    public sealed record CancelRestart : ContainerEffect;
}
