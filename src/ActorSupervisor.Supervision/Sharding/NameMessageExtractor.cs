using System.Globalization;
using ActorSupervisor.Supervision.Actors;
using Akka.Cluster.Sharding;

namespace ActorSupervisor.Supervision.Sharding;

/// <summary>Routes <see cref="ClaimName"/>s: the name is the entity id, its shard <see cref="ShardHash"/> of the name.</summary>
internal sealed class NameMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    /// <summary>The shard region's type name.</summary>
    public const string TypeName = "container-name";

    /// <inheritdoc />
    public override string? EntityId(object message) => (message as ClaimName)?.Name;

    /// <inheritdoc />
    public override string ShardId(string entityId, object? messageHint = null) =>
        ShardHash.ShardOf(entityId, MaxNumberOfShards).ToString(CultureInfo.InvariantCulture);
}
