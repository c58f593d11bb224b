using Akka.Cluster;

namespace ActorSupervisor.Supervision.Workloads;

/// <summary>
/// Whether a node opens a new log or exec session beside a workload it hosts. A node leaving the cluster (graceful leave
/// under way: <c>Leaving</c> or <c>Exiting</c>, or its shutdown begun) is about to stop its workloads and hand their
/// containers on, so it refuses at once with <c>unavailable</c> (503): a follower then hears "it moved" once and waits
/// for the new node, instead of being let in, cut off when the stop comes, and told again on each retry. One rule for
/// the leaving node's own API, its <see cref="WorkloadReader"/>, and another node's API that sees it leaving in gossip.
/// </summary>
public static class SessionAdmission
{
    /// <summary>Whether a member in <paramref name="status"/> (its shutdown begun: <paramref name="shuttingDown"/>) takes a new session.</summary>
    public static bool TakesNewSessions(MemberStatus status, bool shuttingDown) =>
        !shuttingDown && status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining;

    /// <summary>Why the node <paramref name="node"/> refused: the message of the 503.</summary>
    public static string LeavingMessage(string node) =>
        $"its node {node} is leaving the cluster and takes no new log or exec session; the container moves to another node";
}
