namespace ActorSupervisor.Client.Contracts;

/// <summary>The answer to <c>GET /api/v1/node</c>: what this node is and what it can do.</summary>
public sealed record NodeInfo
{
    /// <summary>The node's id, as containers' <c>node</c> fields and cluster members name it.</summary>
    public required string NodeId { get; init; }

    /// <summary>The node's version (informational version of its assembly).</summary>
    public required string Version { get; init; }

    /// <summary>When the node process started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Seconds since <see cref="StartedAt"/>.</summary>
    public required double UptimeSeconds { get; init; }

    /// <summary><c>single-node</c> or <c>cluster</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>The address the other members reach this node on (<c>akka.tcp://asv@host:port</c>).</summary>
    public string? ClusterAddress { get; init; }

    /// <summary>This member's status in the cluster (<c>up</c>, <c>leaving</c>..., as in <see cref="ClusterMember.Status"/>).</summary>
    public string? MemberStatus { get; init; }

    /// <summary>Where the journal lives.</summary>
    public required DataStoreInfo DataStore { get; init; }

    /// <summary>The runtime used when a spec names none.</summary>
    public required string DefaultRuntime { get; init; }

    /// <summary>Each runtime (<c>process</c>, <c>docker</c>, <c>fake</c>) and whether it can be used here.</summary>
    public IReadOnlyList<CapabilityInfo> Runtimes { get; init; } = [];

    /// <summary>Host features (<c>memory-limits</c>, <c>oom-detection</c>, <c>pause</c>) and whether they work here, with why.</summary>
    public IReadOnlyList<CapabilityInfo> Capabilities { get; init; } = [];

    /// <summary>Containers this node hosts (whose entities live in its shards).</summary>
    public int Containers { get; init; }

    /// <summary>Of those, how many are running.</summary>
    public int Running { get; init; }
}
