namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// Settings of the process runtime, bound from the node's configuration (<c>runtimes.process</c>).
/// </summary>
public sealed record ProcessRuntimeOptions
{
    /// <summary>Where each container's output goes: one directory per container with its log files and pipes.</summary>
    public string LogDirectory { get; init; } = "/var/lib/actor-supervisor/logs";

    /// <summary>The cgroup under which every workload gets its own, in each hierarchy the host mounts.</summary>
    public string CgroupParent { get; init; } = "actor-supervisor";

    /// <summary>A log file is rotated when it would grow past this many bytes (<c>runtimes.process.log-max-size</c>; a container's <c>--log-opt max-size</c> wins).</summary>
    public long LogMaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>How many log files a container keeps, the current one included (<c>runtimes.process.log-max-file</c>; a container's <c>--log-opt max-file</c> wins).</summary>
    public int LogMaxFiles { get; init; } = 3;

    /// <summary>How many of the last lines of each container are kept in memory for quick <c>logs --tail</c>.</summary>
    public int TailLines { get; init; } = 200;

    /// <summary>The search path of workloads whose spec sets no <c>PATH</c> (Docker's default).</summary>
    public string DefaultPath { get; init; } = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>How often adopted workloads are checked for their exit and limited ones for OOM kills.</summary>
    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The command that runs <see cref="OutputDrain"/> (the node's own program, given <see cref="OutputDrain.Flag"/> and the
    /// log directory after it): while no runtime instance runs, it reads the workloads' output into their logs. Null: no
    /// drain, and past the pipes' buffers a workload blocks on its output until a runtime adopts it.
    /// </summary>
    public IReadOnlyList<string>? OutputDrainCommand { get; init; }

    /// <summary>Checks the values; the message names the first bad one.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LogDirectory))
        {
            throw new ArgumentException("runtimes.process.log-directory must not be empty", nameof(LogDirectory));
        }
        if (string.IsNullOrWhiteSpace(CgroupParent) || CgroupParent.Contains("..", StringComparison.Ordinal) || CgroupParent.StartsWith('/'))
        {
            throw new ArgumentException($"runtimes.process.cgroup-parent '{CgroupParent}' must be a relative cgroup path such as 'actor-supervisor'", nameof(CgroupParent));
        }
        if (LogMaxBytes < 1024)
        {
            throw new ArgumentException($"runtimes.process.log-max-size is {LogMaxBytes} bytes; it must be at least 1024", nameof(LogMaxBytes));
        }
        if (LogMaxFiles < 1)
        {
            throw new ArgumentException($"runtimes.process.log-max-file is {LogMaxFiles}; it must be at least 1", nameof(LogMaxFiles));
        }
        if (TailLines < 0)
        {
            throw new ArgumentException($"runtimes.process.tail-lines is {TailLines}; it must not be negative", nameof(TailLines));
        }
        if (MonitorInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"runtimes.process.monitor-interval is {MonitorInterval}; it must be positive", nameof(MonitorInterval));
        }
    }
}
