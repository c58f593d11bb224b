using System.Text.Json.Serialization;

namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// <c>GET /api/v1/node/actors</c>: the answering node's actor hierarchy (pbm's <c>actor hierarchy</c>), and the sharding
/// regions it hosts. The levels that grow with the containers (a region's shards, a shard's entities) are cut to
/// <see cref="Limit"/> children each unless <c>all=true</c>.
/// </summary>
public sealed record ActorTreeView
{
    /// <summary>The node that answered.</summary>
    public required string NodeId { get; init; }

    /// <summary>The actor system's root guardian (<c>akka://asv/</c>) and everything under it, as far as shown.</summary>
    public required ActorNode Root { get; init; }

    /// <summary>The sharding regions on this node, with the shards and entities they host here.</summary>
    public required IReadOnlyList<HostedRegion> Regions { get; init; }

    /// <summary>Shards shown per region and entities per shard; null when every one is shown.</summary>
    public int? Limit { get; init; }
}

/// <summary>One actor: its path, how many children it has, and those shown.</summary>
/// <param name="Name">Its name (the last path element).</param>
/// <param name="Path">Its full path, e.g. <c>akka://asv/system/sharding/container/7</c>.</param>
/// <param name="ChildCount">How many children it has; more than <paramref name="Children"/> holds when the level was cut.</param>
/// <param name="Children">Its children shown, by name.</param>
public sealed record ActorNode(string Name, string Path, int ChildCount, IReadOnlyList<ActorNode> Children)
{
    /// <summary>Children not shown.</summary>
    [JsonIgnore]
    public int Omitted => ChildCount - Children.Count;
}

/// <summary>A sharding region on this node: its type name and what it hosts here.</summary>
/// <param name="TypeName">The entity type (<c>container</c>, <c>name</c>).</param>
/// <param name="Path">The region actor's path.</param>
/// <param name="Shards">Shards hosted here.</param>
/// <param name="Entities">Entities alive in those shards.</param>
public sealed record HostedRegion(string TypeName, string Path, int Shards, int Entities);
