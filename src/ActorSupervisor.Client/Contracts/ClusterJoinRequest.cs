namespace ActorSupervisor.Client.Contracts;

/// <summary>The body of <c>POST /api/v1/cluster/join</c>.</summary>
/// <param name="Address">A member of the cluster to join, <c>akka.tcp://asv@host:port</c>.</param>
public sealed record ClusterJoinRequest(string Address);
