using System.CommandLine;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Commands;

/// <summary>pbm's words for the node and the cluster: <c>node info</c>, <c>cluster show|join|leave|down</c>, <c>sharding regions|stats</c>.</summary>
internal static class NodeCommands
{
    public static IEnumerable<Command> Build(INodeHandler handler, SettingsResolver settings)
    {
        var node = new Command("node", "The node asv talks to");
        node.Subcommands.Add(View("info", "Version, uptime, data store, runtimes, and which limits work here", NodeView.NodeInfo, handler, settings));
        var all = new Option<bool>("--all", "-a") { Description = "Every child of every actor (default: the first few per actor, the rest counted)" };
        var actors = new Command("actors", "The node's actor hierarchy, with the sharding regions, shards and entities it hosts (pbm's actor hierarchy)") { Options = { all } };
        actors.SetAction((parse, token) => handler.ActorsAsync(settings(parse), parse.GetValue(all), token));
        node.Subcommands.Add(actors);
        node.Subcommands.Add(Logs(handler, settings));
        yield return node;

        var cluster = new Command("cluster", "The cluster's members");
        cluster.Subcommands.Add(View("show", "Members with their status, roles, leader and address", NodeView.ClusterMembers, handler, settings));
        cluster.Subcommands.Add(Membership("join", "Make the node join the cluster at ADDRESS (akka.tcp://asv@host:port)", "address", required: true, handler, settings));
        cluster.Subcommands.Add(Membership("leave", "Leave the cluster gracefully: NODE (id or cluster address), or the node asv talks to", "node", required: false, handler, settings));
        cluster.Subcommands.Add(Membership("down", "Mark NODE (id or cluster address) down: the cluster stops waiting for it and moves its shards", "node", required: true, handler, settings));
        yield return cluster;

        var sharding = new Command("sharding", "Where containers live");
        sharding.Subcommands.Add(View("regions", "Shards per node", NodeView.ShardRegions, handler, settings));
        sharding.Subcommands.Add(View("stats", "Shards and containers per node", NodeView.ShardStats, handler, settings));
        yield return sharding;
    }

    private static Command Logs(INodeHandler handler, SettingsResolver settings)
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Then print each new line until Ctrl+C" };
        var level = new Option<string?>("--level") { Description = "The least severe level shown: trace, debug, info, warn, error, critical" };
        level.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !NodeLogLevels.TryParse(value, out _, out var error)) result.AddError("--level " + error);
        });
        var tail = new Option<int?>("--tail", "-n") { Description = "Only the last N lines (default: all the node keeps)", CustomParser = WholeNumber.AtLeast(0) };
        var logs = new Command("logs", "The node's own recent log lines, Akka.NET's included (pbm's log peek)") { Options = { follow, level, tail } };
        logs.SetAction((parse, token) => handler.LogsAsync(settings(parse), new NodeLogsRequest(parse.GetValue(follow), parse.GetValue(level), parse.GetValue(tail)), token));
        return logs;
    }

    private static Command Membership(string verb, string description, string argumentName, bool required, INodeHandler handler, SettingsResolver settings)
    {
        var target = new Argument<string?>(argumentName)
        {
            Description = argumentName == "address" ? "A member's address, akka.tcp://asv@HOST:PORT" : "A member's node id or cluster address",
            Arity = required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
        };
        var command = new Command(verb, description) { Arguments = { target } };
        command.SetAction((parse, token) => handler.ClusterAsync(settings(parse), new ClusterCommand(verb, parse.GetValue(target)), token));
        return command;
    }

    private static Command View(string name, string description, NodeView view, INodeHandler handler, SettingsResolver settings)
    {
        var command = new Command(name, description);
        command.SetAction((parse, token) => handler.ShowAsync(settings(parse), view, token));
        return command;
    }
}
