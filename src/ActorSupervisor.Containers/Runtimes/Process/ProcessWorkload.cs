using ActorSupervisor.Containers.Runtimes.Logs;
using ActorSupervisor.Containers.Runtimes.Process.Cgroups;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>One workload the process runtime watches: started here (<see cref="Child"/> set) or adopted.</summary>
internal sealed class ProcessWorkload(WorkloadHandle handle, int pid, int group, LaunchContext context, ContainerLog log, WorkloadCgroup? cgroup, bool memoryLimited)
{
    private readonly TaskCompletionSource<WorkloadStatus> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _finishing;

    /// <summary>The handle given out at start (or adoption).</summary>
    public WorkloadHandle Handle { get; } = handle;

    /// <summary>The pid.</summary>
    public int Pid { get; } = pid;

    /// <summary>The process group the node's signals go to: its keeper's, which the workload and what it forks stay in.</summary>
    public int Group { get; } = group;

    /// <summary>How its processes (and probes) are started.</summary>
    public LaunchContext Context { get; } = context;

    /// <summary>Its container's log.</summary>
    public ContainerLog Log { get; } = log;

    /// <summary>Its cgroup, when the host has one.</summary>
    public WorkloadCgroup? Cgroup { get; } = cgroup;

    private volatile bool _memoryLimited = memoryLimited && cgroup is { HasMemory: true };

    /// <summary>A memory limit is set, so OOM kills are watched for (set once an update gives it one).</summary>
    public bool MemoryLimited
    {
        get => _memoryLimited;
        set => _memoryLimited = value && Cgroup is { HasMemory: true };
    }

    /// <summary>Whether the monitor must poll it: an adopted one for its exit (no child to reap), a limited one for OOM kills.</summary>
    public bool NeedsPolling => Child is null || MemoryLimited;

    /// <summary>
    /// The exit of its keeper, which is the workload's (its code, and when it ended), when this runtime started it (and
    /// so reaps the keeper); null when adopted.
    /// </summary>
    public Task<ChildExit>? Child { get; init; }

    /// <summary>Its output pipes, while they are read.</summary>
    public OutputPipes? Pipes { get; init; }

    /// <summary>The tasks copying its output into the log.</summary>
    public Task Pumps { get; init; } = Task.CompletedTask;

    /// <summary>Frozen or stopped by a pause.</summary>
    public bool Paused { get; set; }

    /// <summary>OOM kills already reported, so each is reported once.</summary>
    public long OomKillsReported { get; set; }

    /// <summary>Guards <see cref="Paused"/> and <see cref="OomKillsReported"/>.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Completes with the final status once the workload has exited and been cleaned up.</summary>
    public Task<WorkloadStatus> Exited => _exit.Task;

    /// <summary>True for the one caller that gets to clean up after the exit.</summary>
    public bool TryBeginFinish() => Interlocked.Exchange(ref _finishing, 1) == 0;

    /// <summary>Publishes the final status.</summary>
    public void Complete(WorkloadStatus status) => _exit.TrySetResult(status);
}
