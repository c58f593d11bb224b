using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Supervision.Hosting;

namespace ActorSupervisor.Node.Api;

/// <summary>Reads the resource use of this node's running (and paused) containers from their runtimes, for <c>/api/v1/stats</c> and <c>/metrics</c>.</summary>
internal static class ContainerStatsReader
{
    /// <summary>Each running container's stats, by name; those whose runtime measures nothing are left out.</summary>
    public static async Task<IReadOnlyList<ContainerStats>> ReadAsync(IContainerService containers, NodeRuntimes runtimes, CancellationToken cancellationToken) =>
        await ReadAsync(await containers.ListAsync(cancellationToken), runtimes, cancellationToken);

    /// <summary>The stats of those of <paramref name="containers"/> that run, by name; those whose runtime measures nothing are left out.</summary>
    public static async Task<IReadOnlyList<ContainerStats>> ReadAsync(IEnumerable<ContainerSnapshot> containers, NodeRuntimes runtimes, CancellationToken cancellationToken)
    {
        var running = containers
            .Where(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Paused && c.State.WorkloadId is not null && c.State.Spec is not null)
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        var result = new List<ContainerStats>();
        foreach (var container in running)
        {
            if (!runtimes.All.TryGetValue(container.State.Spec!.Runtime, out var runtime))
                continue;
            var handle = new WorkloadHandle(container.Id, container.State.WorkloadId!, container.State.StartedAt ?? DateTimeOffset.MinValue, container.State.StartTicks);
            WorkloadStats? stats;
            try
            {
                stats = await runtime.StatsAsync(handle, cancellationToken);
            }
            catch (RuntimeOperationException)
            {
                // It ended between the listing and the reading, or its runtime cannot answer now: it is left out of this reading.
                continue;
            }
            if (stats is not null)
                result.Add(ToWire(container, stats));
        }
        return result;
    }

    /// <summary>A cluster reading (see <see cref="IWorkloadAccess.ReadStatsAsync"/>) as the API's rows, by name; containers removed meanwhile are left out.</summary>
    public static async Task<IReadOnlyList<ContainerStats>> ToWireAsync(IContainerService containers, ClusterStatsReading reading, CancellationToken cancellationToken)
    {
        var byId = (await containers.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        return reading.Readings.Where(r => byId.ContainsKey(r.ContainerId))
            .Select(r => ToWire(byId[r.ContainerId], r.Stats))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static ContainerStats ToWire(ContainerSnapshot container, WorkloadStats stats) => new(
        container.Id, container.Name, stats.At, (long)(stats.CpuTime.Ticks * 100L), stats.MemoryBytes, stats.MemoryLimitBytes, stats.Pids,
        stats.BlockReadBytes, stats.BlockWriteBytes, stats.NetReceivedBytes, stats.NetSentBytes);
}
