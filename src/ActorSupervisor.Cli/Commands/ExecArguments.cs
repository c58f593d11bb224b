using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Commands;

/// <summary>
/// Docker's exec stops reading its own flags at the container: everything after it is the command's, <c>-c</c>
/// included (<c>asv exec web sh -c 'ls /'</c>). The parser would take such a flag for asv's, so a <c>--</c> goes in
/// after the container before parsing.
/// </summary>
internal static class ExecArguments
{
    // The options before the container that take a value: the global ones.
    private static readonly HashSet<string> TakeValue = new System.CommandLine.Option[] { GlobalOptions.Node, GlobalOptions.Token, GlobalOptions.TokenFile, GlobalOptions.Output }
        .SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);

    /// <summary><paramref name="args"/> with <c>--</c> after an exec's container, when a command follows it and no <c>--</c> is there yet.</summary>
    public static IReadOnlyList<string> Separate(IReadOnlyList<string> args)
    {
        var at = SkipOptions(args, 0);
        if (at < 0 || at >= args.Count || args[at] != WorkloadCommands.ExecVerb)
            return args;
        var container = SkipOptions(args, at + 1);
        if (container < 0 || container + 1 >= args.Count || args[container + 1] == "--")
            return args;
        return [.. args.Take(container + 1), "--", .. args.Skip(container + 1)];
    }

    // The index of the first token at or after start that is not an option (nor an option's value); -1 at a "--".
    private static int SkipOptions(IReadOnlyList<string> args, int start)
    {
        var at = start;
        while (at < args.Count && args[at].Length > 1 && args[at][0] == '-')
        {
            if (args[at] == "--")
                return -1;
            at += TakeValue.Contains(args[at]) ? 2 : 1;
        }
        return at;
    }
}
