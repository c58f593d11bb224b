namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// A workload's resource use at one moment, as <c>docker stats</c> reads it. CPU time and I/O are totals since it
/// started: a rate (CPU %) is the difference of two readings over the time between them. Null: not measured here.
/// </summary>
/// <param name="At">When it was read.</param>
/// <param name="CpuTime">CPU time its processes used (user and system, reaped children included).</param>
/// <param name="MemoryBytes">Memory in use: its cgroup's usage, else the sum of its processes' resident sets.</param>
/// <param name="MemoryLimitBytes">Its memory limit; null when it has none.</param>
/// <param name="Pids">How many processes it has.</param>
/// <param name="BlockReadBytes">Bytes it read from block devices.</param>
/// <param name="BlockWriteBytes">Bytes it wrote to block devices.</param>
/// <param name="NetReceivedBytes">Bytes its network interfaces received (null: it shares the host's network).</param>
/// <param name="NetSentBytes">Bytes its network interfaces sent.</param>
public sealed record WorkloadStats(
    DateTimeOffset At,
    TimeSpan CpuTime,
    long MemoryBytes,
    long? MemoryLimitBytes,
    int Pids,
    long? BlockReadBytes,
    long? BlockWriteBytes,
    long? NetReceivedBytes,
    long? NetSentBytes);
