namespace ActorSupervisor.Containers.Supervision.Sharding;

/// <summary>A message for the entity <paramref name="EntityId"/>, on its way through the region to its shard.</summary>
internal sealed record ShardEnvelope(string EntityId, object Message);
