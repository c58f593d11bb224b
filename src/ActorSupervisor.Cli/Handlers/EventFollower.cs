using System.Globalization;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>
/// Reads the event stream and, when following, rides out a node restart: after a broken stream it
/// reconnects with backoff and resumes exactly after the last event printed (<c>Last-Event-ID</c>), so
/// nothing is missed or printed twice. It gives up after <see cref="GiveUpAfter"/> without a connection.
/// </summary>
internal sealed class EventFollower(IActorSupervisorClient client, TimeProvider time, TextWriter notices)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(1);

    /// <summary>The offset of the last event handed to the printer, if any.</summary>
    public long? LastOffset { get; private set; }

    /// <summary>Streams until the node ends the stream or the token is cancelled; throws when the node stays away.</summary>
    public async Task FollowAsync(EventQuery query, Action<ContainerEvent> print, CancellationToken cancellationToken)
    {
        // Without an offset yet, a resumed stream starts where the first one did: nothing in between is lost.
        var resumeSince = query.Since ?? time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var connected = false;
        DateTimeOffset? failingSince = null;
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                var attempt = LastOffset is { } offset ? query with { LastEventId = offset }
                    : connected ? query with { Since = resumeSince }
                    : query;
                await foreach (var e in client.StreamEventsAsync(attempt, cancellationToken))
                {
                    connected = true;
                    failingSince = null;
                    delay = FirstDelay;
                    print(e);
                    LastOffset = e.Offset;
                }
                return;
            }
            catch (NodeUnreachableException e) when (query.Follow && (connected || e.StreamInterrupted))
            {
                if (e.StreamInterrupted)
                {
                    connected = true;
                    failingSince = null;
                    delay = FirstDelay;
                    notices.WriteLine($"asv: lost the connection to {client.NodeUrl}{After()}; reconnecting for up to {GiveUpAfter.TotalSeconds:0}s (Ctrl+C to stop)");
                }
                var now = time.GetUtcNow();
                failingSince ??= now;
                if (now - failingSince >= GiveUpAfter) throw;
                await Task.Delay(delay, time, cancellationToken);
                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
        }
    }

    private string After() => LastOffset is { } offset ? $" after event {offset.ToString(CultureInfo.InvariantCulture)}" : "";
}
