using System.CommandLine;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary>pbm's words for the node and the cluster: <c>node info</c>, <c>cluster show</c>, <c>sharding regions|stats</c>.</summary>
internal static class NodeCommands
{
    public static IEnumerable<Command> Build(INodeHandler handler, SettingsResolver settings)
    {
        var node = new Command("node", "The node asv talks to");
        node.Subcommands.Add(View("info", "Version, uptime, data store, runtimes, and which limits work here", NodeView.NodeInfo, handler, settings));
        yield return node;

        var cluster = new Command("cluster", "The cluster's members");
        cluster.Subcommands.Add(View("show", "Members with their status and address", NodeView.ClusterMembers, handler, settings));
        yield return cluster;

        var sharding = new Command("sharding", "Where containers live");
        sharding.Subcommands.Add(View("regions", "Shards per node", NodeView.ShardRegions, handler, settings));
        sharding.Subcommands.Add(View("stats", "Shards and containers per node", NodeView.ShardStats, handler, settings));
        yield return sharding;
    }

    private static Command View(string name, string description, NodeView view, INodeHandler handler, SettingsResolver settings)
    {
        var command = new Command(name, description);
        command.SetAction((parse, token) => handler.ShowAsync(settings(parse), view, token));
        return command;
    }
}
