using System.Globalization;
using ActorSupervisor.Client.Contracts;
using WireTypes = ActorSupervisor.Client.Contracts.EventTypes;
using ActorSupervisor.Node.Api.Errors;

namespace ActorSupervisor.Node.Api.Streaming;

/// <summary>
/// What <c>GET /api/v1/events</c> asks for: where to start (an offset, a time, or only new events), where to
/// end, whether to follow, and the container and type filters.
/// </summary>
internal sealed record EventFeedQuery
{
    private static readonly string[] KnownTypes =
    [
        WireTypes.Create, WireTypes.Start, WireTypes.Die, WireTypes.Oom, WireTypes.Kill, WireTypes.Stop, WireTypes.Pause,
        WireTypes.Unpause, WireTypes.Restart, WireTypes.HealthStatus, WireTypes.Update, WireTypes.GaveUp, WireTypes.Destroy,
    ];

    /// <summary>Events after this offset; null means from the newest (only new events) unless <see cref="SinceTime"/> is set.</summary>
    public long? AfterOffset { get; init; }

    /// <summary>Only events at or after this time.</summary>
    public DateTimeOffset? SinceTime { get; init; }

    /// <summary>End after the last event at or before this offset.</summary>
    public long? UntilOffset { get; init; }

    /// <summary>End after the last event at or before this time (a future time keeps the stream open until then).</summary>
    public DateTimeOffset? UntilTime { get; init; }

    /// <summary>Keep streaming new events (default) or end after the stored ones.</summary>
    public bool Follow { get; init; } = true;

    /// <summary>Container names or ids (or id prefixes) to keep; empty keeps all.</summary>
    public IReadOnlyList<string> Containers { get; init; } = [];

    /// <summary>Event types to keep; empty keeps all.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Reads the query string and the <c>Last-Event-ID</c> header.</summary>
    /// <exception cref="ApiProblemException">A bad parameter.</exception>
    public static EventFeedQuery Parse(HttpRequest request, DateTimeOffset now)
    {
        var follow = QueryReader.Flag(request, "follow", true);
        var (afterOffset, sinceTime) = ParsePoint(request, "since", now);
        if (request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId)
        {
            afterOffset = long.TryParse(lastId, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : throw ApiProblemException.InvalidArgument("header.Last-Event-ID", lastId, "expected an event offset (a whole number)");
            sinceTime = null;
        }
        var (untilOffset, untilTime) = ParsePoint(request, "until", now);
        var containers = new List<string>();
        var types = new List<string>();
        foreach (var filter in request.Query["filter"])
        {
            var text = filter ?? "";
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals < 0 ? (text, "") : (text[..equals], text[(equals + 1)..]);
            if (key == "container" && value.Length > 0)
                containers.Add(value);
            else if (key == "type" && KnownTypes.Contains(value))
                types.Add(value);
            else
                throw ApiProblemException.InvalidArgument("query.filter", text,
                    $"expected container=<name or id> or type=<one of {string.Join(", ", KnownTypes)}>");
        }
        return new EventFeedQuery
        {
            AfterOffset = afterOffset ?? (sinceTime is null && !follow ? 0 : null),
            SinceTime = sinceTime,
            UntilOffset = untilOffset,
            UntilTime = untilTime,
            Follow = follow,
            Containers = containers,
            EventTypes = types,
        };
    }

    /// <summary>Whether an event passes the filters (the container filter by id, name or id prefix).</summary>
    public bool Keeps(ContainerEvent e) =>
        (EventTypes.Count == 0 || EventTypes.Contains(e.Type))
        && (Containers.Count == 0 || Containers.Any(c => c == e.ContainerName || e.ContainerId.StartsWith(c, StringComparison.Ordinal)))
        && (SinceTime is null || e.Time >= SinceTime);

    /// <summary>Whether the stream is over once it has passed <paramref name="e"/>.</summary>
    public bool EndsBefore(ContainerEvent e) =>
        (UntilOffset is { } offset && e.Offset > offset) || (UntilTime is { } time && e.Time > time);

    private static (long? Offset, DateTimeOffset? Time) ParsePoint(HttpRequest request, string name, DateTimeOffset now)
    {
        var text = QueryReader.Single(request, name);
        if (text is null)
            return (null, null);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return (offset, null);
        return (null, QueryReader.ParseTime(text, now) ?? throw QueryReader.BadTime(name, text));
    }
}
