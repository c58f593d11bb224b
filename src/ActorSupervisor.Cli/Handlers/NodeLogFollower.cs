using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>
/// <c>node logs -f</c>: prints the node's own log lines until the user interrupts, and rides out a node restart as
/// <c>logs -f</c> does (<see cref="Reconnector"/>: it says the node went away, waits for it, says it is back). After a
/// break it asks for every line the node keeps and prints those after the last one printed (<see cref="ResumeCursor"/>):
/// a node that only dropped the stream repeats nothing, a restarted node's lines are all new and all printed.
/// </summary>
internal sealed class NodeLogFollower(IActorSupervisorClient client, TimeProvider time, TextWriter notices)
{
    /// <summary>Follows until the token is cancelled; throws when the node stays away.</summary>
    public async Task FollowAsync(int? tail, string? level, Action<NodeLogEntry> print, CancellationToken cancellationToken)
    {
        var cursor = new ResumeCursor();
        var connected = false;
        var reconnector = new Reconnector(client, time, notices);
        while (true)
        {
            NodeUnreachableException? cause = null;
            reconnector.Attempting();
            cursor.Resuming();
            try
            {
                // The first attempt honours --tail; a later one takes all the node keeps, less what was printed.
                await foreach (var entry in client.FollowNodeLogsAsync(connected ? null : tail, level, cancellationToken))
                {
                    connected = true;
                    reconnector.Healthy();
                    if (cursor.AlreadyPrinted(entry.Time)) continue;
                    print(entry);
                    cursor.Printed(entry.Time);
                }
                connected = true; // the node ended the stream: its orderly stop
            }
            catch (NodeUnreachableException e) when (connected || e.StreamInterrupted)
            {
                connected = true;
                cause = e;
            }
            await reconnector.ReconnectAsync(cursor.Last is { } last ? $" after the line of {Output.TextFormat.Time(last)}" : "", cause, cancellationToken);
        }
    }
}
