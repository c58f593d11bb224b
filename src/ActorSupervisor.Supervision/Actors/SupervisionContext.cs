using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>What every container entity of one host shares: options, runtimes, the clock, the directory and its replication, metrics and the log.</summary>
internal sealed class SupervisionContext(
    ContainerHostOptions options,
    IReadOnlyDictionary<RuntimeKind, IContainerRuntime> runtimes,
    TimeProvider time,
    DirectoryReplication replication,
    SupervisionMetrics metrics,
    ILogger logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _incarnated = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _hosted = new(StringComparer.Ordinal);

    /// <summary>The containers whose entities live on this node now (the directory lists the whole cluster's).</summary>
    public IEnumerable<string> Hosted => _hosted.Keys;

    /// <summary>The entity of <paramref name="containerId"/> started (true) or stopped (false) on this node.</summary>
    public void SetHosted(string containerId, bool hosted)
    {
        if (hosted) _hosted.TryAdd(containerId, 0);
        else _hosted.TryRemove(containerId, out _);
    }

    public ContainerHostOptions Options { get; } = options;

    /// <summary>The one clock of the domain, the entities' timers and the fake runtime (virtual in tests).</summary>
    public TimeProvider Time { get; } = time;

    public ContainerDirectory Directory => replication.Directory;

    public SupervisionMetrics Metrics { get; } = metrics;

    public ILogger Log { get; } = logger;

    /// <summary>
    /// Whether a shard hand-off stops the workloads of its containers now (they start again on the shard's new node);
    /// false keeps them running for this node's next start to adopt (a single node, or the last one, shutting down).
    /// </summary>
    public Func<bool> HandOffStopsWorkloads { get; init; } = static () => false;

    /// <summary>
    /// Whether this node may act on the container's workload now: with shard leases, only while it trusts its shard's
    /// lease. A node that resumes after a freeze (or gets PostgreSQL back after an outage) past its lease's trust must
    /// neither start a workload nor record what its stale view saw: another node may own the shard already.
    /// </summary>
    public Func<string, bool> OwnsWorkload { get; init; } = static _ => true;

    /// <summary>
    /// The container's shard is being handed off: with shard leases, its lease counts as held until the shard releases it
    /// (its entities stop), as Akka's shard keeps its lease until then, so the stop each entity waits for is recorded.
    /// </summary>
    public Action<string> HandingOff { get; init; } = static _ => { };

    /// <summary>The group shard region, once started (a member's exit reaches its group through it).</summary>
    public Akka.Actor.IActorRef? Groups { get; set; }

    /// <summary>Tells the group <paramref name="group"/> about a member's exit, wherever the group lives.</summary>
    public void TellGroup(string group, Containers.Domain.Groups.GroupCommand.MemberExited exited) =>
        Groups?.Tell(new GroupEnvelope(group, new GroupRequest(exited)), Akka.Actor.ActorRefs.NoSender);

    public IContainerRuntime? RuntimeFor(RuntimeKind kind) => runtimes.GetValueOrDefault(kind);

    /// <summary>
    /// Publishes the container's state after event <paramref name="sequenceNr"/> to every node's directory and tells the
    /// event log's readers that something was written (they read it from the journal).
    /// </summary>
    public void Publish(string containerId, Containers.Domain.Lifecycle.ContainerState state, long sequenceNr) =>
        replication.Publish(containerId, state, sequenceNr);

    /// <summary>
    /// True for the first incarnation of <paramref name="containerId"/>'s entity in this process: only then do Docker's
    /// node-start rules apply; an entity re-created after a failure must not start a stopped workload again.
    /// </summary>
    public bool FirstIncarnation(string containerId) => _incarnated.TryAdd(containerId, 0);
}
