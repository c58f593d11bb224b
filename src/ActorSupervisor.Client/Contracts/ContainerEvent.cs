namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// One persisted event of one container, as served by <c>/history</c> and the <c>/events</c> stream.
/// </summary>
public sealed record ContainerEvent
{
    /// <summary>The event's position in the node's global journal order; the SSE <c>id:</c>, used to resume.</summary>
    public required long Offset { get; init; }

    /// <summary>The event's sequence number within its container (1, 2, 3...).</summary>
    public required long Seq { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>One of <see cref="EventTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The container's id.</summary>
    public required string ContainerId { get; init; }

    /// <summary>The container's name.</summary>
    public required string ContainerName { get; init; }

    /// <summary>The event's facts, all as strings (see docs/api.md for each type's keys).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>One sentence for a person: why this happened, e.g. "restart 3 of on-failure:5 after exit 1, waited 400ms".</summary>
    public required string Why { get; init; }
}
