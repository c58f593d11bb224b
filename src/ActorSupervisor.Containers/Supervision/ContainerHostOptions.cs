using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Containers.Supervision;

/// <summary>How a <see cref="ContainerHost"/> supervises: its identity, sharding, snapshots, shutdown and defaults.</summary>
public sealed record ContainerHostOptions
{
    /// <summary>This node's id, shown as each container's node.</summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>How many shards container ids are hashed into (fixed for the life of the data: changing it moves containers between shards).</summary>
    public int ShardCount { get; init; } = 100;

    /// <summary>A container saves a snapshot of its state every this many events, so its recovery replays at most that many.</summary>
    public int SnapshotInterval { get; init; } = 100;

    /// <summary>
    /// Stop every workload on shutdown (Docker with live-restore off). False (the default) leaves them running
    /// and the next start adopts them (Docker's live-restore).
    /// </summary>
    public bool StopWorkloadsOnShutdown { get; init; }

    /// <summary>The backoff given to a created container whose spec keeps Docker's default backoff; null keeps Docker's.</summary>
    public Backoff? DefaultBackoff { get; init; }

    /// <summary>How long a command may take before the caller gets a timeout (a stop waits for its stop timeout on top).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a shutdown waits for the containers to finish their pending writes (Docker's shutdown-timeout: 15 s).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How many containers one bulk recovery query loads.</summary>
    public int RecoveryChunkSize { get; init; } = 500;

    /// <summary>The first wait before a shard re-creates a container actor that stopped on a failure; doubles up to a minute.</summary>
    public TimeSpan ActorRestartBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks every value; the message names the bad one.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeId)) throw new ArgumentException("NodeId must not be blank", nameof(NodeId));
        if (ShardCount is < 1 or > 100_000) throw new ArgumentException($"ShardCount {ShardCount} must be between 1 and 100000", nameof(ShardCount));
        if (SnapshotInterval < 1) throw new ArgumentException($"SnapshotInterval {SnapshotInterval} must be at least 1 event", nameof(SnapshotInterval));
        if (CommandTimeout <= TimeSpan.Zero) throw new ArgumentException($"CommandTimeout {CommandTimeout} must be positive", nameof(CommandTimeout));
        if (ShutdownTimeout <= TimeSpan.Zero) throw new ArgumentException($"ShutdownTimeout {ShutdownTimeout} must be positive", nameof(ShutdownTimeout));
        if (RecoveryChunkSize is < 1 or > 10_000) throw new ArgumentException($"RecoveryChunkSize {RecoveryChunkSize} must be between 1 and 10000", nameof(RecoveryChunkSize));
        if (ActorRestartBackoff <= TimeSpan.Zero) throw new ArgumentException($"ActorRestartBackoff {ActorRestartBackoff} must be positive", nameof(ActorRestartBackoff));
        if (DefaultBackoff?.Initial < TimeSpan.Zero || DefaultBackoff?.Multiplier < 1 || DefaultBackoff?.Max < DefaultBackoff?.Initial)
            throw new ArgumentException("DefaultBackoff needs Initial ≥ 0, Multiplier ≥ 1 and Max ≥ Initial", nameof(DefaultBackoff));
    }
}
