using ActorSupervisor.Containers.Domain;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// A running workload as a runtime knows it. Persisted by the container actor so that a restarted node can
/// adopt the workload.
/// </summary>
/// <param name="ContainerId">The container the workload belongs to.</param>
/// <param name="WorkloadId">The pid for processes, the container id for Docker.</param>
/// <param name="StartedAt">When it was spawned: run times count from it (pass it as <c>RuntimeStarted.At</c>).</param>
/// <param name="StartTicks">For processes, the kernel's start time of the pid, so a reused pid is not mistaken for ours.</param>
public sealed record WorkloadHandle(string ContainerId, string WorkloadId, DateTimeOffset StartedAt, long StartTicks = 0);

/// <summary>What the host lets a runtime do.</summary>
/// <param name="MemoryLimits">Memory limits are enforced and OOM kills detected.</param>
/// <param name="MemoryMethod">How: e.g. <c>cgroup v1 (memory.oom_control)</c>, <c>cgroup v2 (memory.events)</c>, <c>docker</c>; <c>none</c> when off.</param>
/// <param name="PauseMethod">How pause works here: <c>freezer</c>, <c>signal</c> (SIGSTOP/SIGCONT) or <c>docker</c>.</param>
/// <param name="Notes">Why a capability is off, for <c>inspect</c> and <c>node info</c>; empty when all is on.</param>
public sealed record RuntimeCapabilities(bool MemoryLimits, string MemoryMethod, string PauseMethod, string Notes);

/// <summary>A health probe's outcome.</summary>
/// <param name="ExitCode">The probe's exit code; -1 when it timed out.</param>
/// <param name="Output">Its stdout and stderr, kept up to 4097 bytes: more than 4096 means it printed more (the health monitor cuts it to 4096 and <c>...</c>).</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="TimedOut">Killed at the timeout.</param>
public sealed record ProbeResult(int ExitCode, string Output, TimeSpan Duration, bool TimedOut);

/// <summary>A workload's state as inspect sees it.</summary>
/// <param name="Running">It runs (paused counts as running).</param>
/// <param name="ExitCode">How it exited, when it has and the code is known.</param>
/// <param name="OomKilled">It was killed for exceeding its memory limit.</param>
/// <param name="FinishedAt">When it exited, if known.</param>
public sealed record WorkloadStatus(bool Running, int? ExitCode, bool OomKilled, DateTimeOffset? FinishedAt);

/// <summary>Which of a workload's output streams a line came from.</summary>
public enum LogStream
{
    /// <summary>Standard output.</summary>
    Stdout,
    /// <summary>Standard error.</summary>
    Stderr,
}

/// <summary>One line of a workload's output.</summary>
public sealed record LogLine(DateTimeOffset Timestamp, LogStream Stream, string Text);

/// <summary>Which log lines to read: the last <paramref name="Tail"/> (null: all) at or after <paramref name="Since"/>; <paramref name="Follow"/> keeps the stream open for new lines.</summary>
public sealed record LogQuery(int? Tail = null, DateTimeOffset? Since = null, bool Follow = false);

/// <summary>Something that happened to a workload, reported by its runtime.</summary>
public abstract record RuntimeSignal(string ContainerId, string WorkloadId, DateTimeOffset At);

/// <summary>The workload is running.</summary>
public sealed record WorkloadStarted(string ContainerId, string WorkloadId, DateTimeOffset At, int? Pid)
    : RuntimeSignal(ContainerId, WorkloadId, At);

/// <summary>The workload ended; <paramref name="ExitCode"/> is null when it cannot be known (it ended while the node was down).</summary>
public sealed record WorkloadExited(string ContainerId, string WorkloadId, DateTimeOffset At, int? ExitCode, bool OomKilled)
    : RuntimeSignal(ContainerId, WorkloadId, At);

/// <summary>The kernel (or Docker) killed a process of the workload for exceeding its memory limit.</summary>
public sealed record WorkloadOomKilled(string ContainerId, string WorkloadId, DateTimeOffset At)
    : RuntimeSignal(ContainerId, WorkloadId, At);

/// <summary>The workload was frozen.</summary>
public sealed record WorkloadPaused(string ContainerId, string WorkloadId, DateTimeOffset At)
    : RuntimeSignal(ContainerId, WorkloadId, At);

/// <summary>The workload was thawed.</summary>
public sealed record WorkloadResumed(string ContainerId, string WorkloadId, DateTimeOffset At)
    : RuntimeSignal(ContainerId, WorkloadId, At);

/// <summary>A runtime operation failed; the message is meant for the operator.</summary>
public sealed class RuntimeOperationException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The exit code Docker records when a start fails this way (127: the executable does not exist, 126: it cannot
    /// be executed), so the container can show it; null for other failures.
    /// </summary>
    public int? ExitCode { get; init; }
}
