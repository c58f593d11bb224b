using ActorSupervisor.Actors;

namespace ActorSupervisor.Containers.Supervision.Sharding;

/// <summary>
/// The entry point to the containers, shaped like Akka's ShardRegion: a container id maps to a stable shard
/// (<see cref="ShardHash"/>), the message travels in a <see cref="ShardEnvelope"/> to that shard's supervisor,
/// which hands it to the container's actor. Callers never hold a container actor's ref, so a shard can later live
/// on another node without changing them.
/// </summary>
internal sealed class ShardRegion(ShardTable table)
{
    public int ShardOf(string entityId) => ShardHash.ShardOf(entityId, table.Count);

    public IActorRef Shard(int shard) => table[shard];

    public void Tell(string entityId, object message, IActorRef? sender = null) =>
        table[ShardOf(entityId)].Tell(new ShardEnvelope(entityId, message), sender);

    public Task<T> Ask<T>(string entityId, object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        table[ShardOf(entityId)].Ask<T>(new ShardEnvelope(entityId, message), timeout, cancellationToken);
}
