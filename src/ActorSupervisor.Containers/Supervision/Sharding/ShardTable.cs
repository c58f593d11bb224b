using ActorSupervisor.Actors;

namespace ActorSupervisor.Containers.Supervision.Sharding;

/// <summary>Where each shard lives now: its supervisor's ref, replaced when the shard is re-created.</summary>
internal sealed class ShardTable(int count)
{
    private readonly IActorRef?[] _shards = new IActorRef?[count];

    public int Count => _shards.Length;

    public IActorRef this[int shard]
    {
        get => Volatile.Read(ref _shards[shard]) ?? throw new InvalidOperationException($"shard {shard} has not started");
        set => Volatile.Write(ref _shards[shard], value);
    }
}
