namespace ActorSupervisor.Client.Contracts;

/// <summary>The answer to <c>GET /api/v1/cluster/shards</c>.</summary>
/// <param name="ShardCount">The fixed number of shards.</param>
/// <param name="Shards">Every shard that has an owner or holds containers; absent shards are empty and unassigned.</param>
public sealed record ShardsView(int ShardCount, IReadOnlyList<ShardInfo> Shards);
