using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Actors;

/// <summary>What every container entity of one host shares: options, runtimes, the clock, the directory, metrics and the log.</summary>
internal sealed class SupervisionContext(
    ContainerHostOptions options,
    IReadOnlyDictionary<RuntimeKind, IContainerRuntime> runtimes,
    TimeProvider time,
    ContainerDirectory directory,
    SupervisionMetrics metrics,
    ILogger logger,
    Action written)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _incarnated = new(StringComparer.Ordinal);

    public ContainerHostOptions Options { get; } = options;

    /// <summary>The one clock of the domain, the entities' timers and the fake runtime (virtual in tests).</summary>
    public TimeProvider Time { get; } = time;

    public ContainerDirectory Directory { get; } = directory;

    public SupervisionMetrics Metrics { get; } = metrics;

    public ILogger Log { get; } = logger;

    /// <summary>
    /// Whether a shard hand-off stops the workloads of its containers now (they start again on the shard's new node);
    /// false keeps them running for this node's next start to adopt (a single node, or the last one, shutting down).
    /// </summary>
    public Func<bool> HandOffStopsWorkloads { get; init; } = static () => false;

    public IContainerRuntime? RuntimeFor(RuntimeKind kind) => runtimes.GetValueOrDefault(kind);

    /// <summary>Tells the event log's readers that something was written (they read it from the journal).</summary>
    public void Written() => written();

    /// <summary>
    /// True for the first incarnation of <paramref name="containerId"/>'s entity in this process: only then do Docker's
    /// node-start rules apply; an entity re-created after a failure must not start a stopped workload again.
    /// </summary>
    public bool FirstIncarnation(string containerId) => _incarnated.TryAdd(containerId, 0);
}
