using System.Globalization;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>
/// Reads the event stream and, when following, rides out a node restart: when the stream breaks or the
/// node ends it (an orderly stop ends every stream), it reconnects with backoff (<see cref="Reconnector"/>)
/// and resumes exactly after the last event printed (<c>Last-Event-ID</c>), so nothing is missed or printed twice.
/// </summary>
internal sealed class EventFollower(IActorSupervisorClient client, TimeProvider time, TextWriter notices)
{
    /// <summary>The offset of the last event handed to the printer, if any.</summary>
    public long? LastOffset { get; private set; }

    /// <summary>Streams until the stream ends for good (no follow, or --until reached) or the token is cancelled; throws when the node stays away.</summary>
    public async Task FollowAsync(EventQuery query, Action<ContainerEvent> print, CancellationToken cancellationToken)
    {
        // Without an offset yet, a resumed stream starts where the first one did: nothing in between is lost.
        var resumeSince = query.Since ?? time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var connected = false;
        var reconnector = new Reconnector(client, time, notices);
        while (true)
        {
            NodeUnreachableException? cause = null;
            reconnector.Attempting();
            try
            {
                var attempt = LastOffset is { } offset ? query with { LastEventId = offset }
                    : connected ? query with { Since = resumeSince }
                    : query;
                await foreach (var e in client.StreamEventsAsync(attempt, cancellationToken))
                {
                    connected = true;
                    reconnector.Healthy();
                    print(e);
                    LastOffset = e.Offset;
                }
                connected = true;
                if (!query.Follow || UntilReached(query.Until)) return;
            }
            catch (NodeUnreachableException e) when (query.Follow && (connected || e.StreamInterrupted))
            {
                connected = true;
                cause = e;
            }
            await reconnector.ReconnectAsync(After(), cause, cancellationToken);
        }
    }

    /// <summary>
    /// Whether a followed stream that the node ended was ended by <c>--until</c>. An offset or a duration ago
    /// is reached once the node ends the stream; a time only once it has passed (before that, the node went away).
    /// Without --until a followed stream ends only when the node stops.
    /// </summary>
    private bool UntilReached(string? until) =>
        until is not null
        && (!DateTimeOffset.TryParseExact(until, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at)
            || time.GetUtcNow() >= at);

    private string After() => LastOffset is { } offset ? $" after event {offset.ToString(CultureInfo.InvariantCulture)}" : "";
}
