using ActorSupervisor.Containers.Domain.Restarts;
using Akka.Configuration;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>How a <see cref="ContainerHost"/> supervises: its identity, sharding, snapshots, shutdown and defaults.</summary>
public sealed record ContainerHostOptions
{
    /// <summary>The actor system's name: every node of one cluster has the same.</summary>
    public const string SystemName = "asv";

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

    /// <summary>The address other cluster members reach this node's actor system on (remoting binds it); loopback by default.</summary>
    public string ClusterHost { get; init; } = "127.0.0.1";

    /// <summary>The remoting port; 0 picks a free one (fine for a single node; members of a cluster need a fixed one).</summary>
    public int ClusterPort { get; init; }

    /// <summary>
    /// Addresses of members to join (<c>akka.tcp://asv@host:port</c>, see <see cref="ClusterAddresses"/>); empty (the
    /// default) makes this node the first member of a new cluster, joining itself.
    /// </summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>This member's own roles (shown in the cluster views); names starting with <c>asv-</c> are reserved for <see cref="ClusterRoles"/>.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Where this node's management API listens, advertised to the other members in its roles; null when unknown.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>
    /// Whether each shard holds a lease on PostgreSQL before its containers run (<c>akka.coordination.lease.postgres</c>):
    /// null (the default) turns it on with a PostgreSQL store and off with SQLite, where a single node needs none.
    /// </summary>
    public bool? ShardLease { get; init; }

    /// <summary>
    /// Where the workload fence keeps its deadline and pid files (the node's data directory); null runs no fence. The
    /// fence runs only with <see cref="ShardLease"/> on.
    /// </summary>
    public string? FenceDirectory { get; init; }

    /// <summary>Remoting's TLS (<c>ActorSupervisor.Messages.RemotingTls</c>): DotNetty's certificate and peer check; null for plain TCP.</summary>
    public Akka.Remote.Transport.DotNetty.DotNettySslSetup? RemotingTls { get; init; }

    /// <summary>Akka settings that override the host's own (the node file's <c>akka { }</c> section); null for none.</summary>
    public Config? Akka { get; init; }

    /// <summary>Checks every value; the message names the bad one.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeId)) throw new ArgumentException("NodeId must not be blank", nameof(NodeId));
        if (ShardCount is < 1 or > 100_000) throw new ArgumentException($"ShardCount {ShardCount} must be between 1 and 100000", nameof(ShardCount));
        if (SnapshotInterval < 1) throw new ArgumentException($"SnapshotInterval {SnapshotInterval} must be at least 1 event", nameof(SnapshotInterval));
        if (CommandTimeout <= TimeSpan.Zero) throw new ArgumentException($"CommandTimeout {CommandTimeout} must be positive", nameof(CommandTimeout));
        if (ShutdownTimeout <= TimeSpan.Zero) throw new ArgumentException($"ShutdownTimeout {ShutdownTimeout} must be positive", nameof(ShutdownTimeout));
        if (string.IsNullOrWhiteSpace(ClusterHost)) throw new ArgumentException("ClusterHost must not be blank", nameof(ClusterHost));
        if (ClusterPort is < 0 or > 65535) throw new ArgumentException($"ClusterPort {ClusterPort} must be between 0 and 65535", nameof(ClusterPort));
        foreach (var seed in Seeds)
        {
            if (ClusterAddresses.Problem(seed) is { } problem) throw new ArgumentException($"Seeds: '{seed}' {problem}", nameof(Seeds));
        }
        foreach (var role in Roles)
        {
            if (ClusterRoles.Problem(role) is { } problem) throw new ArgumentException($"Roles: '{role}' {problem}", nameof(Roles));
        }
        if (DefaultBackoff?.Initial < TimeSpan.Zero || DefaultBackoff?.Multiplier < 1 || DefaultBackoff?.Max < DefaultBackoff?.Initial)
            throw new ArgumentException("DefaultBackoff needs Initial ≥ 0, Multiplier ≥ 1 and Max ≥ Initial", nameof(DefaultBackoff));
    }
}
