using Akka.Actor;
using ActorSupervisor.Supervision.Hosting;

namespace ActorSupervisor.Supervision.Workloads;

/// <summary>
/// The requester's end of a <see cref="WorkloadSession"/> on the node that hosts a container: opens it, pulls its
/// batches, and turns a node that stops answering (it left, died, or is cut off) into <c>unavailable</c> within
/// <see cref="PullTimeout"/>, never a hang.
/// </summary>
internal sealed class RemoteWorkloadSession(IActorRef session, string containerId, string node)
{
    /// <summary>How long opening a session may take (an exec starts its command).</summary>
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a pull may go unanswered: the session's long-poll and ample time on a loaded host.</summary>
    public static readonly TimeSpan PullTimeout = WorkloadSession.LongPoll + TimeSpan.FromSeconds(9);

    /// <summary>Opens a session for <paramref name="open"/> at <paramref name="reader"/> (on node <paramref name="node"/>).</summary>
    public static async Task<RemoteWorkloadSession> OpenAsync(ActorSystem system, ICanTell reader, IWorkloadMessage open, string containerId, string node,
        CancellationToken cancellationToken)
    {
        var answer = await AskAsync(reader, open, OpenTimeout, containerId, node, cancellationToken);
        if (answer is not SessionOpened opened)
            throw new InvalidOperationException($"unexpected answer {answer.GetType().Name} to opening a session");
        var session = ((ExtendedActorSystem)system).Provider.ResolveActorRef(opened.Session);
        return new RemoteWorkloadSession(session, containerId, node);
    }

    /// <summary>The next batch (empty when nothing came within the long-poll).</summary>
    public async Task<SessionBatch> PullAsync(CancellationToken cancellationToken) =>
        await AskAsync(session, SessionPull.Instance, PullTimeout, containerId, node, cancellationToken) as SessionBatch
        ?? throw new InvalidOperationException("unexpected answer to a pull");

    /// <summary>Sends <paramref name="message"/> (stdin, its end) and waits for the session to have done it.</summary>
    public Task SendAsync(IWorkloadMessage message, CancellationToken cancellationToken) =>
        AskAsync(session, message, PullTimeout, containerId, node, cancellationToken);

    /// <summary>Tells the session to stop (it ends its read, kills its command).</summary>
    public void Close() => session.Tell(SessionClose.Instance);

    private static async Task<object> AskAsync(ICanTell target, IWorkloadMessage message, TimeSpan timeout, string containerId, string node,
        CancellationToken cancellationToken)
    {
        object answer;
        try
        {
            answer = await target.Ask<object>(message, timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            throw new ContainerUnavailableException(containerId,
                $"its node {node} did not answer within {timeout.TotalSeconds:0} s (it left, died or is cut off); the container moves to another node");
        }
        return answer is WorkloadRefused refused ? throw WorkloadReader.ToException(refused) : answer;
    }
}
