using System.Globalization;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>
/// <c>logs -f</c>: prints a container's lines until it is removed or the user interrupts, and rides out a
/// node restart: when the stream breaks or the node ends it, it reconnects with backoff (<see cref="Reconnector"/>)
/// and resumes from the time of the last line printed, skipping the lines of that instant it already printed (<see cref="ResumeCursor"/>).
/// </summary>
internal sealed class LogFollower(IActorSupervisorClient client, TimeProvider time, TextWriter notices)
{
    /// <summary>Follows until the container is removed or the token is cancelled; throws when the node stays away.</summary>
    public async Task FollowAsync(string container, LogQuery query, Action<LogLine> print, CancellationToken cancellationToken)
    {
        var started = Rfc3339(time.GetUtcNow());
        var cursor = new ResumeCursor();
        var connected = false;
        var reconnector = new Reconnector(client, time, notices);
        while (true)
        {
            NodeUnreachableException? cause = null;
            reconnector.Attempting();
            // The node's "since" includes lines at that very time: those already printed are skipped below.
            var attempt = cursor.Last is { } at ? new LogQuery(null, Rfc3339(at)) : connected ? new LogQuery(null, query.Since ?? started) : query;
            cursor.Resuming();
            try
            {
                await foreach (var line in client.FollowLogsAsync(container, attempt, cancellationToken))
                {
                    connected = true;
                    reconnector.Healthy();
                    if (cursor.AlreadyPrinted(line.Time)) continue;
                    print(line);
                    cursor.Printed(line.Time);
                }
                connected = true;
            }
            catch (NodeUnreachableException e) when (connected || e.StreamInterrupted)
            {
                connected = true;
                cause = e;
            }
            catch (ApiException e) when (connected && e.Code == ErrorCodes.NotFound)
            {
                return; // removed while the node was away
            }
            catch (ApiException e) when (connected && e.Code == ErrorCodes.Unavailable)
            {
                // The container's node left, is leaving or died: say so once, then follow it again once it runs elsewhere.
                await reconnector.RetryUnavailableAsync(e.Message, cancellationToken);
                continue;
            }
            // The node ends the stream when the container is removed, and on its own orderly stop: ask which.
            if (cause is null && await RemovedAsync(container, cancellationToken) is var (removed, unreachable))
            {
                if (removed) return;
                cause = unreachable;
            }
            await reconnector.ReconnectAsync(cursor.Last is { } l ? $" after the line of {Output.TextFormat.Time(l)}" : "", cause, cancellationToken);
        }
    }

    private async Task<(bool Removed, NodeUnreachableException? Unreachable)> RemovedAsync(string container, CancellationToken cancellationToken)
    {
        try
        {
            await client.InspectContainerAsync(container, cancellationToken);
            return (false, null);
        }
        catch (ApiException e) when (e.Code == ErrorCodes.NotFound)
        {
            return (true, null);
        }
        catch (NodeUnreachableException e)
        {
            return (false, e);
        }
    }

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
