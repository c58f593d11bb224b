using System.Globalization;
using ActorSupervisor.Supervision.Actors;
using Akka.Cluster.Sharding;

namespace ActorSupervisor.Supervision.Sharding;

/// <summary>Routes <see cref="GroupEnvelope"/>s: the group's name is the entity id, its shard <see cref="ShardHash"/> of the name.</summary>
internal sealed class GroupMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    /// <summary>The shard region's type name.</summary>
    public const string TypeName = "group";

    /// <inheritdoc />
    public override string? EntityId(object message) => (message as GroupEnvelope)?.Group;

    /// <inheritdoc />
    public override object? EntityMessage(object message) => message is GroupEnvelope envelope ? envelope.Message : message;

    /// <inheritdoc />
    public override string ShardId(string entityId, object? messageHint = null) =>
        ShardHash.ShardOf(entityId, MaxNumberOfShards).ToString(CultureInfo.InvariantCulture);
}
