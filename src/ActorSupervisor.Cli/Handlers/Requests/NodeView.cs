namespace ActorSupervisor.Cli.Handlers;

/// <summary>The read-only views of the node and the cluster.</summary>
internal enum NodeView
{
    NodeInfo,
    ClusterMembers,
    ShardRegions,
    ShardStats,
}
