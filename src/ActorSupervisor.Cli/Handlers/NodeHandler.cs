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

    public async Task<int> ActorsAsync(GlobalSettings settings, bool all, CancellationToken cancellationToken)
    {
        ActorTreeViews.Tree(Output(settings), await Client(settings).GetNodeActorsAsync(all, cancellationToken));
        return ExitCodes.Ok;
    }

    public async Task<int> LogsAsync(GlobalSettings settings, NodeLogsRequest request, CancellationToken cancellationToken)
    {
        var client = Client(settings);
        var output = Output(settings);
        if (!request.Follow)
        {
            var entries = await client.GetNodeLogsAsync(request.Tail, request.Level, cancellationToken);
            if (output.IsJson) output.Json(entries, ActorSupervisor.Client.Contracts.ApiJsonContext.Default.IReadOnlyListNodeLogEntry);
            else foreach (var entry in entries) NodeLogViews.Entry(output, entry);
            return ExitCodes.Ok;
        }
        try
        {
            // -o json: one entry per line, as it comes; a node restart is ridden out as logs -f and events -f do.
            await new NodeLogFollower(client, Environment.Time, Environment.Error)
                .FollowAsync(request.Tail, request.Level, entry => NodeLogViews.Entry(output, entry), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a follow ends: a normal end.
        }
        return ExitCodes.Ok;
    }

    public async Task<int> ClusterAsync(GlobalSettings settings, ClusterCommand command, CancellationToken cancellationToken)
    {
        var client = Client(settings);
        var output = Output(settings);
        var view = command.Verb switch
        {
            "join" => await client.JoinClusterAsync(command.Target!, cancellationToken),
            "leave" => await client.LeaveClusterAsync(command.Target, cancellationToken),
            "down" => await client.DownMemberAsync(command.Target!, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Verb, "expected join, leave or down"),
        };
        if (output.IsJson)
        {
            output.Json(view, ActorSupervisor.Client.Contracts.ApiJsonContext.Default.ClusterView);
            return ExitCodes.Ok;
        }
        output.Line(command.Verb switch
        {
            "join" => $"{view.Self} is joining the cluster at {command.Target}; 'asv cluster show' lists it once it is up",
            "leave" => $"{command.Target ?? view.Self} is leaving the cluster: its shards move to the other members, then its node stops",
            _ => $"{command.Target} is marked down: its shards start on the other members",
        });
        return ExitCodes.Ok;
    }
}
