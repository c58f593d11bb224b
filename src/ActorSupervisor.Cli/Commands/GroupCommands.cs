using System.CommandLine;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>asv group create|ls|inspect|start|stop|rm</c>: groups of containers with OTP's strategies.</summary>
internal static class GroupCommands
{
    public static Command Build(IGroupHandler handler, SettingsResolver settings)
    {
        var group = new Command("group", "Groups of containers with Erlang/OTP's strategies (one_for_one, one_for_all, rest_for_one)");
        group.Subcommands.Add(Create(handler, settings));
        var ls = new Command("ls", "List groups with their strategy, status and members");
        ls.Aliases.Add("list");
        ls.SetAction((parse, token) => handler.ListAsync(settings(parse), token));
        group.Subcommands.Add(ls);
        group.Subcommands.Add(Verb("inspect", "A group's strategy, intensity, restarts and its members' states", handler, settings));
        group.Subcommands.Add(Verb("start", "Start every member in order, each running before the next (also ends a give-up)", handler, settings));
        group.Subcommands.Add(Verb("stop", "Stop every member in reverse order, each with its own stop signal and timeout", handler, settings));
        var rm = Verb("rm", "Remove a group: its members leave it and keep running as they are", handler, settings);
        group.Subcommands.Add(rm);
        return group;
    }

    private static Command Create(IGroupHandler handler, SettingsResolver settings)
    {
        var name = new Argument<string>("name") { Description = "The group's name" };
        var members = new Argument<string[]>("member") { Description = "The members' names or ids, in start order (stop order is the reverse)", Arity = ArgumentArity.OneOrMore };
        // The node checks the strategy (one truth: GroupStrategyText) and names the field when it is wrong.
        var strategy = new Option<string>("--strategy", "-s") { Description = "How a member's exit spreads: one_for_one, one_for_all, rest_for_one", DefaultValueFactory = _ => "one_for_one" };
        var maxRestarts = new Option<int?>("--max-restarts") { Description = "The group gives up after more than N group restarts within --within (OTP's intensity)", CustomParser = WholeNumber.AtLeast(0) };
        var window = new Option<string?>("--within") { Description = "The intensity's window, e.g. 10s or 1m (OTP's period); with --max-restarts" };
        var command = new Command("create", "Create a group of existing containers") { Arguments = { name, members }, Options = { strategy, maxRestarts, window } };
        command.SetAction((parse, token) => handler.CreateAsync(settings(parse),
            new GroupCreate(parse.GetValue(name)!, parse.GetValue(strategy)!, parse.GetValue(members)!, parse.GetValue(maxRestarts), parse.GetValue(window)), token));
        return command;
    }

    private static Command Verb(string verb, string description, IGroupHandler handler, SettingsResolver settings)
    {
        var name = new Argument<string>("name") { Description = "The group's name" };
        var command = new Command(verb, description) { Arguments = { name } };
        command.SetAction((parse, token) => handler.VerbAsync(settings(parse), verb, parse.GetValue(name)!, token));
        return command;
    }
}

/// <summary>What <c>asv group create</c> was given.</summary>
internal sealed record GroupCreate(string Name, string Strategy, IReadOnlyList<string> Members, int? MaxRestarts, string? Within);
