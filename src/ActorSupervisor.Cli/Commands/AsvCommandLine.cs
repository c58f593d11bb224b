using System.CommandLine;
using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary>The whole command tree of <c>asv</c>.</summary>
internal static class AsvCommandLine
{
    public static RootCommand Build(AsvHandlers handlers, Func<string, string?> environment)
    {
        SettingsResolver settings = parse => GlobalOptions.Resolve(parse, environment);
        var root = new RootCommand("asv: run, watch and steer the containers of an ActorSupervisor node");
        GlobalOptions.AddTo(root);
        foreach (var command in RunCommands.Build(handlers.Containers, settings)) root.Subcommands.Add(command);
        foreach (var command in QueryCommands.Build(handlers.Containers, settings)) root.Subcommands.Add(command);
        foreach (var command in LifecycleCommands.Build(handlers.Containers, settings)) root.Subcommands.Add(command);
        root.Subcommands.Add(EventCommands.Build(handlers.Events, settings));
        root.Subcommands.Add(ApplyCommands.Build(handlers.Apply, settings));
        foreach (var command in NodeCommands.Build(handlers.Node, settings)) root.Subcommands.Add(command);
        root.Subcommands.Add(CompletionCommands.Build());
        return root;
    }
}
