using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Completion;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary>The whole command tree of <c>asv</c>.</summary>
internal static class AsvCommandLine
{
    /// <param name="handlers">What the commands do.</param>
    /// <param name="environment">Environment variables (the node address and token).</param>
    /// <param name="containerNames">Where completion finds container names; none offered when null.</param>
    public static RootCommand Build(AsvHandlers handlers, Func<string, string?> environment, ContainerNameSource? containerNames = null)
    {
        SettingsResolver settings = parse => GlobalOptions.Resolve(parse, environment);
        var root = new RootCommand("asv: run, watch and steer the containers of an ActorSupervisor node");
        GlobalOptions.AddTo(root);
        foreach (var command in RunCommands.Build(handlers.Containers, settings, environment)) root.Subcommands.Add(command);
        foreach (var command in QueryCommands.Build(handlers.Containers, settings)) root.Subcommands.Add(command);
        foreach (var command in LifecycleCommands.Build(handlers.Containers, settings)) root.Subcommands.Add(command);
        foreach (var command in WorkloadCommands.Build(handlers.Workloads, settings)) root.Subcommands.Add(command);
        root.Subcommands.Add(EventCommands.Build(handlers.Events, settings));
        root.Subcommands.Add(ApplyCommands.Build(handlers.Apply, settings));
        if (handlers.Groups is { } groups) root.Subcommands.Add(GroupCommands.Build(groups, settings));
        foreach (var command in NodeCommands.Build(handlers.Node, settings)) root.Subcommands.Add(command);
        root.Subcommands.Add(CompletionCommands.Build());
        root.Subcommands.Add(ManCommands.Build());
        // Bare "asv" prints help and succeeds, as bare "docker" does.
        root.SetAction(parse => new HelpAction().Invoke(parse));
        containerNames ??= new ContainerNameSource((_, _) => Task.FromResult<IReadOnlyList<ContainerName>>([]));
        containerNames.AttachTo(root);
        var suggest = root.Directives.OfType<SuggestDirective>().Single();
        suggest.Action = new PrefixCompletionAction(suggest, containerNames);
        return root;
    }
}
