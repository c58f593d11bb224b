using ActorSupervisor.Containers.Runtimes;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// A container's workload wherever it runs: its log lines, an exec beside it, its resource use. For a container hosted
/// on this node the runtime answers directly; for one on another node that node's workload reader answers over Akka
/// remoting (docs/architecture.md, "Logs, exec and stats of a container on another node").
/// </summary>
public interface IWorkloadAccess
{
    /// <summary>The log lines <paramref name="query"/> selects; with <see cref="LogQuery.Follow"/> the new ones as they come.</summary>
    /// <exception cref="ContainerUnavailableException">The container's node is not a member now or stopped answering (also thrown mid-stream).</exception>
    IAsyncEnumerable<LogLine> ReadLogsAsync(ContainerSnapshot container, LogQuery query, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="request"/> beside the container's running workload.</summary>
    /// <exception cref="CommandRejectedException">The container is not running (or paused) on its node.</exception>
    /// <exception cref="ContainerUnavailableException">The container's node is not a member now or stopped answering.</exception>
    Task<IExecSession> ExecAsync(ContainerSnapshot container, ExecRequest request, CancellationToken cancellationToken = default);

    /// <summary>One reading of every running (or paused) container of the cluster, and the nodes that did not answer in time.</summary>
    Task<ClusterStatsReading> ReadStatsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A container's resource use as its node read it.</summary>
public sealed record ContainerStatsReading(string ContainerId, string Node, WorkloadStats Stats);

/// <summary>The readings of every node that answered, and the ids of those that did not (their containers are missing).</summary>
public sealed record ClusterStatsReading(IReadOnlyList<ContainerStatsReading> Readings, IReadOnlyList<string> SilentNodes);
