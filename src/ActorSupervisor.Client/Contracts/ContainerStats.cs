namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// One running container's resource use at <see cref="Time"/> (<c>GET /api/v1/stats</c>). CPU time and I/O are totals
/// since its workload started: CPU % is the difference of <see cref="CpuNanoseconds"/> between two readings over the
/// time between them (100 = one core). Null: not measured by its runtime.
/// </summary>
/// <param name="Id">The container's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Time">When it was read.</param>
/// <param name="CpuNanoseconds">CPU time its processes used.</param>
/// <param name="MemoryBytes">Memory in use.</param>
/// <param name="MemoryLimitBytes">Its memory limit; null without one.</param>
/// <param name="Pids">Its processes.</param>
/// <param name="BlockReadBytes">Bytes read from block devices.</param>
/// <param name="BlockWriteBytes">Bytes written to block devices.</param>
/// <param name="NetReceivedBytes">Bytes received on its own network (null: it shares the host's).</param>
/// <param name="NetSentBytes">Bytes sent on its own network.</param>
public sealed record ContainerStats(
    string Id,
    string Name,
    DateTimeOffset Time,
    long CpuNanoseconds,
    long MemoryBytes,
    long? MemoryLimitBytes,
    int Pids,
    long? BlockReadBytes,
    long? BlockWriteBytes,
    long? NetReceivedBytes,
    long? NetSentBytes);
