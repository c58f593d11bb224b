namespace ActorSupervisor.Client.Contracts;

/// <summary>The body of <c>POST /api/v1/cluster/leave</c> and <c>/down</c>.</summary>
/// <param name="Node">The member, by node id or cluster address; null (leave only) means the answering node.</param>
public sealed record ClusterMemberRequest(string? Node = null);
