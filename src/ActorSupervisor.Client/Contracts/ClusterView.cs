namespace ActorSupervisor.Client.Contracts;

/// <summary>The answer to <c>GET /api/v1/cluster/members</c>. A single node answers with itself as the only member.</summary>
/// <param name="Mode"><c>single-node</c> or <c>cluster</c>.</param>
/// <param name="Self">The answering node's id.</param>
/// <param name="Members">Every known member, the answering one included.</param>
public sealed record ClusterView(string Mode, string Self, IReadOnlyList<ClusterMember> Members);
