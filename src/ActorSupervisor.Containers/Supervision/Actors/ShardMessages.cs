namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>Host to shard: answer <see cref="ShardRecovered"/> once every remembered container has recovered and reconciled.</summary>
internal sealed record AwaitRecovered
{
    public static AwaitRecovered Instance { get; } = new();
}

/// <summary>The answer to <see cref="AwaitRecovered"/>.</summary>
internal sealed record ShardRecovered(int Shard, int Containers);

/// <summary>Host to root: answer once every shard exists.</summary>
internal sealed record AwaitShards
{
    public static AwaitShards Instance { get; } = new();
}

/// <summary>The answer to <see cref="AwaitShards"/>.</summary>
internal sealed record ShardsReady(int Count);

/// <summary>A shard's own message after its recovery: load and start its containers.</summary>
internal sealed record LoadChildren
{
    public static LoadChildren Instance { get; } = new();
}

/// <summary>The restart timer of a container fired.</summary>
internal sealed record RestartTimerFired(string EntityId);

/// <summary>Time to re-create a container actor that stopped on a failure.</summary>
internal sealed record RecreateChild(string EntityId);

/// <summary>Timer key of a container's pending restart.</summary>
internal sealed record RestartTimerKey(string EntityId);

/// <summary>Timer key of a container actor's pending re-creation.</summary>
internal sealed record RecreateTimerKey(string EntityId);
