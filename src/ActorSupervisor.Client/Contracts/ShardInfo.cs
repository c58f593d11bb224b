namespace ActorSupervisor.Client.Contracts;

/// <summary>One shard and its owner.</summary>
public sealed record ShardInfo
{
    /// <summary>The shard number, 0 to shard count - 1.</summary>
    public required int ShardId { get; init; }

    /// <summary>The owning node's id, or null while unassigned.</summary>
    public string? Owner { get; init; }

    /// <summary>The lease epoch, bumped on every change of owner.</summary>
    public long Epoch { get; init; }

    /// <summary>When the owner's lease expires unless renewed.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary><c>active</c>, <c>handing-off</c>, <c>failed</c> (its region did not answer for it) or <c>unassigned</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Container entities alive in this shard.</summary>
    public int Containers { get; init; }
}
