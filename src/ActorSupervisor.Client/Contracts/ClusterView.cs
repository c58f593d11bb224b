namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// The answer to <c>GET /api/v1/cluster/members</c> (and to the join, leave and down commands): the membership as the
/// answering node's Akka.Cluster sees it. A single node answers with itself as the only member.
/// </summary>
/// <param name="Mode"><c>single-node</c> (one member, no seeds) or <c>cluster</c>.</param>
/// <param name="Self">The answering node's id.</param>
/// <param name="Members">Every known member, the answering one included.</param>
public sealed record ClusterView(string Mode, string Self, IReadOnlyList<ClusterMember> Members)
{
    /// <summary>The leader's node id, or null while there is none (no member up yet).</summary>
    public string? Leader { get; init; }
}
