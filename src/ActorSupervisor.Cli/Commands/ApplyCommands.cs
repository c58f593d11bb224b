using System.CommandLine;
using ActorSupervisor.Cli.Handlers;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>apply</c>: make the node's containers match a file.</summary>
internal static class ApplyCommands
{
    public static readonly Option<string> File = new("--file", "-f") { Description = "The spec file: JSON (.json) or HOCON (.conf, .hocon)", Required = true, HelpName = "path" };

    public static readonly Option<bool> Prune = new("--prune") { Description = "Also remove containers created by an earlier apply that the file no longer lists" };

    public static readonly Option<bool> DryRun = new("--dry-run") { Description = "Print the plan and change nothing" };

    public static Command Build(IApplyHandler handler, SettingsResolver settings)
    {
        var apply = new Command("apply", "Create, update (and with --prune remove) containers so the node matches a file");
        apply.Options.Add(File);
        apply.Options.Add(Prune);
        apply.Options.Add(DryRun);
        apply.SetAction((parse, token) => handler.ApplyAsync(settings(parse),
            new ApplyRequest(parse.GetRequiredValue(File), parse.GetValue(Prune), parse.GetValue(DryRun)), token));
        return apply;
    }
}
