namespace ActorSupervisor.Client;

/// <summary>Which events to stream from <c>/api/v1/events</c>.</summary>
public sealed record EventQuery
{
    /// <summary>An offset, an RFC 3339 time, or a duration ago (<c>10m</c>); null starts with new events (or all, without follow).</summary>
    public string? Since { get; init; }

    /// <summary>Same forms as <see cref="Since"/>; the stream ends after it.</summary>
    public string? Until { get; init; }

    /// <summary>Keep streaming new events (default) or end after the stored ones.</summary>
    public bool Follow { get; init; } = true;

    /// <summary><c>container=name</c> and <c>type=die</c> filters; the same key repeated means OR.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Resume after this offset; overrides <see cref="Since"/>.</summary>
    public long? LastEventId { get; init; }
}
