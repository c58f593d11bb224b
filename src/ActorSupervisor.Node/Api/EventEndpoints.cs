using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Node.Api.OpenApi;
using Microsoft.OpenApi;
using ActorSupervisor.Node.Api.Streaming;
using ActorSupervisor.Node.Hosting;
using DomainEvent = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEvent;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// <c>GET /api/v1/events</c>: the journal's global feed of container events as server-sent events, stored
/// ones first (from an offset or a time), then live ones. The SSE id is the journal offset, so a client
/// that reconnects with <c>Last-Event-ID</c> resumes exactly after the last event it received.
/// </summary>
internal static class EventEndpoints
{
    private const int Page = 500;

    /// <summary>Maps the events route.</summary>
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Events, Stream).WithTags("Events").WithName("StreamEvents").Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Query("since", JsonSchemaType.String, "an offset (events after it), an RFC 3339 time or a duration ago (10m); default only new events")
            .Query("until", JsonSchemaType.String, "same forms: the stream ends after the last event at or before it")
            .Query("follow", JsonSchemaType.Boolean, "default true; false sends the stored events and ends")
            .Query("filter", JsonSchemaType.String, "container=<name or id> or type=<event type>; same key = OR", repeatable: true)
            .Header("Last-Event-ID", JsonSchemaType.Integer, "resume after this offset (overrides since)")
            .Errors(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>Streams the events the query selects.</summary>
    public static async Task Stream(HttpContext context, NodeJournal journal, IContainerService containers, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = EventFeedQuery.Parse(context.Request, now);
        var events = journal.Events;
        var start = query.AfterOffset ?? (query.SinceTime is null ? await events.ReadHighestOffsetAsync(cancellationToken) : 0);
        using var deadline = query.UntilTime is { } until && until > now
            ? new CancellationTokenSource(until - now, time)
            : new CancellationTokenSource();
        using var open = ServerSentEvents.EndOnClientGoneOrShutdown(context, cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(open.Token, deadline.Token);
        var source = query.Follow ? events.SubscribeAsync(start, linked.Token) : ReadStoredAsync(events, start, linked.Token);
        await ServerSentEvents.WriteAsync(context, FeedAsync(source, query, containers, journal, linked.Token), time, linked.Token);
    }

    private static async IAsyncEnumerable<ServerSentEvents.Item> FeedAsync(IAsyncEnumerable<StoredEvent> source, EventFeedQuery query,
        IContainerService containers, NodeJournal journal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var apiEvent in NarratedEvents.ReadAsync(source, containers, journal, cancellationToken))
        {
            if (query.EndsBefore(apiEvent))
                yield break;
            if (query.Keeps(apiEvent))
            {
                yield return new ServerSentEvents.Item(apiEvent.Offset.ToString(CultureInfo.InvariantCulture), apiEvent.Type,
                    JsonSerializer.Serialize(apiEvent, ApiJsonContext.Default.ContainerEvent));
            }
        }
    }

    private static async IAsyncEnumerable<StoredEvent> ReadStoredAsync(ContainerEventLog query, long start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = start;
        while (true)
        {
            var page = await query.ReadAllAsync(offset, Page, cancellationToken);
            foreach (var envelope in page)
            {
                offset = envelope.Offset;
                yield return envelope;
            }
            if (page.Count < Page)
                yield break;
        }
    }
}
