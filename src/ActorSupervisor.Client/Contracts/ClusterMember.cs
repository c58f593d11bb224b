namespace ActorSupervisor.Client.Contracts;

/// <summary>One node of the cluster.</summary>
public sealed record ClusterMember
{
    /// <summary>The node's id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Where its management API listens (its cluster address when it does not say: a node on a random API port).</summary>
    public required string Address { get; init; }

    /// <summary>
    /// Its membership status as Akka.Cluster gives it: <c>joining</c>, <c>weakly-up</c>, <c>up</c>, <c>leaving</c>,
    /// <c>exiting</c>, <c>down</c> or <c>removed</c>. Whether it answers is <see cref="Unreachable"/>.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>The address members reach it on, <c>akka.tcp://asv@host:port</c> (for <c>cluster join</c>, <c>leave</c>, <c>down</c>).</summary>
    public string? ClusterAddress { get; init; }

    /// <summary>Whether some member's failure detector finds it unreachable now.</summary>
    public bool Unreachable { get; init; }

    /// <summary>Whether it is the cluster's leader (the member that moves others up and removes them).</summary>
    public bool Leader { get; init; }

    /// <summary>Its configured roles (<c>actor-supervisor.node.cluster.roles</c>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Its last heartbeat.</summary>
    public DateTimeOffset? LastHeartbeat { get; init; }

    /// <summary>When it joined.</summary>
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>Shards its region hosts now.</summary>
    public int Shards { get; init; }

    /// <summary>Container entities alive in those shards.</summary>
    public int Containers { get; init; }
}
