using System.Globalization;
using ActorSupervisor.Supervision.Actors;
using Akka.Cluster.Sharding;

namespace ActorSupervisor.Supervision.Sharding;

/// <summary>
/// Routes <see cref="ContainerEnvelope"/>s: the container id is the entity id, and its shard is <see cref="ShardHash"/>
/// of the id, the same on every node and .NET version (Akka's default hashes with <c>GetHashCode</c>-like functions).
/// </summary>
internal sealed class ContainerMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    /// <summary>The shard region's type name.</summary>
    public const string TypeName = "container";

    /// <inheritdoc />
    public override string? EntityId(object message) => (message as ContainerEnvelope)?.ContainerId;

    /// <inheritdoc />
    public override object? EntityMessage(object message) => message is ContainerEnvelope envelope ? envelope.Message : message;

    /// <inheritdoc />
    public override string ShardId(string entityId, object? messageHint = null) =>
        ShardHash.ShardOf(entityId, MaxNumberOfShards).ToString(CultureInfo.InvariantCulture);
}
