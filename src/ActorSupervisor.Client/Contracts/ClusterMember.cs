namespace ActorSupervisor.Client.Contracts;

/// <summary>One node of the cluster.</summary>
public sealed record ClusterMember
{
    /// <summary>The node's id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Where its management API listens.</summary>
    public required string Address { get; init; }

    /// <summary><c>joining</c>, <c>up</c>, <c>leaving</c>, <c>down</c> or <c>unreachable</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Its last heartbeat.</summary>
    public DateTimeOffset? LastHeartbeat { get; init; }

    /// <summary>When it joined.</summary>
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>Shards it owns.</summary>
    public int Shards { get; init; }

    /// <summary>Containers in those shards.</summary>
    public int Containers { get; init; }
}
