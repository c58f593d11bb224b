using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Supervision.Hosting;
using ActorSupervisor.Containers.Supervision.Recovery;

namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>What every shard and container actor of one host shares: options, runtimes, the directory, metrics and the recovery cache.</summary>
internal sealed class SupervisionContext(
    ContainerHostOptions options,
    IReadOnlyDictionary<RuntimeKind, IContainerRuntime> runtimes,
    ContainerDirectory directory,
    SupervisionMetrics metrics,
    RecoveryCache recovery)
{
    public ContainerHostOptions Options { get; } = options;

    public ContainerDirectory Directory { get; } = directory;

    public SupervisionMetrics Metrics { get; } = metrics;

    public RecoveryCache Recovery { get; } = recovery;

    public IContainerRuntime? RuntimeFor(RuntimeKind kind) => runtimes.GetValueOrDefault(kind);

    public static string PersistenceIdOf(string containerId) => Serialization.SupervisionEventTypes.ContainerPersistencePrefix + containerId;
}
