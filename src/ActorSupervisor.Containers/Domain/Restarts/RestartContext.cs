namespace ActorSupervisor.Containers.Domain.Restarts;

/// <summary>
/// Everything the restart decision looks at, taken from a container's state when its workload exited.
/// Build it with <c>ContainerState.RestartContext()</c>.
/// </summary>
/// <param name="Policy">The restart policy in force.</param>
/// <param name="Backoff">The backoff between restarts.</param>
/// <param name="Intensity">The give-up limit, or null for none.</param>
/// <param name="ExitCode">How the workload exited; null when unknown (counts as a failure).</param>
/// <param name="ManuallyStopped">An operator stopped or killed it since its last start (Docker's HasBeenManuallyStopped).</param>
/// <param name="RestartCanceled">A stop, restart or removal cancelled any restart (Docker's ExitOnNext).</param>
/// <param name="RunDuration">How long the last run lasted.</param>
/// <param name="RestartCount">Policy restarts since the last explicit start.</param>
/// <param name="PreviousBackoff">The last delay before jitter, or null when none since the last explicit start.</param>
/// <param name="RecentRestarts">When the recent policy restarts happened, for the intensity limit.</param>
public sealed record RestartContext(
    RestartPolicy Policy,
    Backoff Backoff,
    RestartIntensity? Intensity,
    int? ExitCode,
    bool ManuallyStopped,
    bool RestartCanceled,
    TimeSpan RunDuration,
    int RestartCount,
    TimeSpan? PreviousBackoff,
    IReadOnlyList<DateTimeOffset> RecentRestarts);
