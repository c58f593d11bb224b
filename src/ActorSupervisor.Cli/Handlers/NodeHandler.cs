using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Output;

namespace ActorSupervisor.Cli.Handlers;

/// <summary>The real <c>node info</c>, <c>cluster show</c> and <c>sharding</c> views.</summary>
internal sealed class NodeHandler(CliEnvironment environment) : HandlerBase(environment), INodeHandler
{
    public async Task<int> ShowAsync(GlobalSettings settings, NodeView view, CancellationToken cancellationToken)
    {
        var client = Client(settings);
        var output = Output(settings);
        switch (view)
        {
            case NodeView.NodeInfo:
                NodeViews.NodeInfo(output, await client.GetNodeInfoAsync(cancellationToken));
                break;
            case NodeView.ClusterMembers:
                NodeViews.Members(output, await client.GetClusterMembersAsync(cancellationToken));
                break;
            case NodeView.ShardRegions:
                ShardViews.Regions(output, await client.GetShardsAsync(cancellationToken));
                break;
            case NodeView.ShardStats:
                ShardViews.Stats(output, await client.GetShardsAsync(cancellationToken));
                break;
        }
        return ExitCodes.Ok;
    }
}
