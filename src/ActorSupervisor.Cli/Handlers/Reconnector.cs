using System.Globalization;
using ActorSupervisor.Client;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>
/// How a followed stream (<c>events -f</c>, <c>logs -f</c>) rides out a node restart: it says the node went
/// away, waits with backoff (250 ms doubling to 5 s) until the node answers ready again, says so, and lets
/// the follower resume. It gives up once the node has been away for <see cref="GiveUpAfter"/>.
/// </summary>
internal sealed class Reconnector(IActorSupervisorClient client, TimeProvider time, TextWriter notices)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(1);

    // A stream that stayed up this long was a real connection: the next outage starts a fresh backoff.
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(5);

    private DateTimeOffset? awaySince;
    private bool saidUnavailable;
    private DateTimeOffset attemptStarted;
    private TimeSpan delay = FirstDelay;

    /// <summary>Marks the start of a connection attempt.</summary>
    public void Attempting() => attemptStarted = time.GetUtcNow();

    /// <summary>The stream delivered something: the node is back for good.</summary>
    public void Healthy()
    {
        awaySince = null;
        delay = FirstDelay;
        saidUnavailable = false;
    }

    /// <summary>
    /// The node answers but cannot serve the stream now (503 <c>unavailable</c>: the container's node is leaving, or it
    /// is moving): says why once until the stream delivers again, however many retries it takes, and waits the backoff
    /// before the next attempt. The node is there, so this is no outage and does not give up.
    /// </summary>
    public async Task RetryUnavailableAsync(string reason, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - attemptStarted >= HealthyAfter) Healthy();
        if (!saidUnavailable)
        {
            notices.WriteLine($"asv: {reason}");
            notices.Flush();
            saidUnavailable = true;
        }
        await Task.Delay(delay, time, cancellationToken);
        delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
    }

    /// <summary>
    /// Waits until the node is ready again after the stream ended (<paramref name="cause"/> null: it ended
    /// in order, as on a node's orderly stop). Throws <see cref="NodeUnreachableException"/> when it stays away.
    /// </summary>
    /// <param name="position">Where the stream stopped, for the notes (" after event 42"), or "".</param>
    /// <param name="cause">Why the stream broke; null when the node ended it.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public async Task ReconnectAsync(string position, NodeUnreachableException? cause, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - attemptStarted >= HealthyAfter) Healthy();
        awaySince ??= time.GetUtcNow();
        notices.WriteLine($"asv: node went away{position}; reconnecting… (Ctrl+C to stop; giving up after {Seconds(GiveUpAfter)}s)");
        notices.Flush();
        while (true)
        {
            if (time.GetUtcNow() - awaySince >= GiveUpAfter)
                throw cause ?? new NodeUnreachableException(client.NodeUrl, $"it did not come back within {Seconds(GiveUpAfter)}s");
            await Task.Delay(delay, time, cancellationToken);
            delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            try
            {
                if (await client.IsReadyAsync(cancellationToken)) break;
            }
            catch (NodeUnreachableException e)
            {
                cause = e;
            }
        }
        notices.WriteLine($"asv: reconnected; resuming{position}");
        notices.Flush();
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
}
