using System.Runtime.CompilerServices;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Workloads;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// Logs, exec and stats of a container wherever its workload runs: the runtime here for a container this node hosts,
/// the owner node's <see cref="WorkloadReader"/> over Akka remoting for one hosted elsewhere.
/// </summary>
public sealed partial class ContainerHost : IWorkloadAccess
{
    /// <summary>How long a stats reading waits for the other nodes.</summary>
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);

    private void StartWorkloadReader(ActorSystem system) =>
        system.ActorOf(Props.Create(() => new WorkloadReader(_options.NodeId, _directory, _runtimes, Cluster.Get(system).SelfAddress.ToString())), WorkloadReader.Name);

    /// <inheritdoc />
    public async IAsyncEnumerable<LogLine> ReadLogsAsync(ContainerSnapshot container, LogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(query);
        if (container.Node == _options.NodeId)
        {
            RefuseWhileLeaving(container);
            await foreach (var line in LocalRuntime(container).ReadLogsAsync(container.Id, query, cancellationToken))
                yield return line;
            yield break;
        }
        var session = await RemoteWorkloadSession.OpenAsync(System, ReaderOf(container), new LogsOpen(container.Id, query.Tail, query.Since, query.Follow),
            container.Id, container.Node, cancellationToken);
        try
        {
            while (true)
            {
                var batch = await session.PullAsync(cancellationToken);
                foreach (var item in batch.Items)
                    yield return new LogLine(item.At ?? DateTimeOffset.MinValue, item.Stderr ? LogStream.Stderr : LogStream.Stdout, item.Text ?? "");
                if (!batch.End) continue;
                // A follow ends on the owner only when it stops reading: its node is leaving, or the container left it.
                if (query.Follow && !cancellationToken.IsCancellationRequested)
                    throw new ContainerUnavailableException(container.Id, $"its node {container.Node} stopped serving its log (it is leaving, or the container moved)");
                yield break;
            }
        }
        finally
        {
            session.Close();
        }
    }

    /// <inheritdoc />
    public async Task<IExecSession> ExecAsync(ContainerSnapshot container, ExecRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(request);
        if (container.Node == _options.NodeId)
        {
            RefuseWhileLeaving(container);
            var state = container.State;
            if (state.WorkloadId is null) throw new CommandRejectedException(container.Id, $"container {container.Name} is not running");
            var handle = new WorkloadHandle(container.Id, state.WorkloadId, state.StartedAt ?? DateTimeOffset.MinValue, state.StartTicks);
            return await LocalRuntime(container).ExecAsync(handle, request, cancellationToken).ConfigureAwait(false);
        }
        var session = await RemoteWorkloadSession.OpenAsync(System, ReaderOf(container), new ExecOpen(container.Id, request.Argv, request.AttachStdin, request.Tty),
            container.Id, container.Node, cancellationToken).ConfigureAwait(false);
        return new RemoteExecSession(session);
    }

    /// <inheritdoc />
    public async Task<ClusterStatsReading> ReadStatsAsync(CancellationToken cancellationToken = default)
    {
        var members = Cluster.State.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving).ToList();
        var asks = members.Select(m => (Node: ClusterRoles.NodeId(m),
            Answer: ReaderAt(m.Address).Ask<StatsReadings>(StatsRead.Instance, StatsTimeout, cancellationToken))).ToList();
        await Task.WhenAll(asks.Select(a => a.Answer)).ContinueWith(static _ => { }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var readings = new List<ContainerStatsReading>();
        var silent = new List<string>();
        foreach (var (node, answer) in asks)
        {
            if (!answer.IsCompletedSuccessfully)
            {
                silent.Add(node);
                _logger.LogWarning("Node {NodeId}: node {Other} did not answer a stats reading within {Timeout}", _options.NodeId, node, StatsTimeout);
                continue;
            }
            foreach (var r in answer.Result.Readings)
                readings.Add(new ContainerStatsReading(r.ContainerId, answer.Result.Node, new WorkloadStats(r.At, TimeSpan.FromTicks(r.CpuTicks), r.MemoryBytes,
                    r.MemoryLimitBytes, r.Pids, r.BlockReadBytes, r.BlockWriteBytes, r.NetReceivedBytes, r.NetSentBytes)));
        }
        return new ClusterStatsReading(readings, silent);
    }

    /// <exception cref="ContainerUnavailableException">This node is leaving (<see cref="SessionAdmission"/>).</exception>
    private void RefuseWhileLeaving(ContainerSnapshot container)
    {
        if (!SessionAdmission.TakesNewSessions(Cluster.SelfMember.Status, ShutdownReason is not null))
            throw new ContainerUnavailableException(container.Id, SessionAdmission.LeavingMessage(container.Node));
    }

    private IContainerRuntime LocalRuntime(ContainerSnapshot container) =>
        container.State.Spec is { } spec && _runtimes.TryGetValue(spec.Runtime, out var runtime)
            ? runtime
            : throw new RuntimeOperationException($"the {container.State.Spec?.Runtime.ToString().ToLowerInvariant()} runtime is not available on this node; see GET /api/v1/node");

    /// <summary>The workload reader of the node hosting <paramref name="container"/>.</summary>
    /// <exception cref="ContainerUnavailableException">That node is not a member now.</exception>
    private ActorSelection ReaderOf(ContainerSnapshot container)
    {
        var member = Cluster.State.Members.FirstOrDefault(m => ClusterRoles.NodeId(m) == container.Node
            && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Joining);
        if (member is null || Cluster.State.Unreachable.Contains(member))
            throw new ContainerUnavailableException(container.Id,
                $"its node {container.Node} is {(member is null ? "not a cluster member now (it left or died)" : "unreachable")}; the container moves to another node");
        // Gossip already says it is leaving: refuse here at once rather than ask it (it would refuse too).
        if (!SessionAdmission.TakesNewSessions(member.Status, shuttingDown: false))
            throw new ContainerUnavailableException(container.Id, SessionAdmission.LeavingMessage(container.Node));
        return ReaderAt(member.Address);
    }

    private ActorSelection ReaderAt(Address address) => System.ActorSelection(new RootActorPath(address) / "user" / WorkloadReader.Name);
}
