namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>Persisted by a shard: it supervises the container <paramref name="EntityId"/> (remember-entities).</summary>
internal sealed record ShardEntityAdded(string EntityId);

/// <summary>Persisted by a shard: the container <paramref name="EntityId"/> was removed and does not come back.</summary>
internal sealed record ShardEntityRemoved(string EntityId);

/// <summary>A shard's remembered containers, saved now and then so its recovery does not replay every add and remove.</summary>
internal sealed record ShardSnapshot(IReadOnlyList<string> EntityIds);
