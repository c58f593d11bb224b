using System.CommandLine;
using System.Reflection;
using System.Text;
using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Output;

/// <summary>
/// asv(1) in roff (<c>man -l</c>, or installed as <c>man1/asv.1</c>), written from the command tree itself, so every command,
/// argument and option in it is one that parses, with the description its <c>--help</c> shows.
/// </summary>
internal static class ManPage
{
    /// <summary>The version this build reports (<c>asv --version</c> prints the same).</summary>
    public static string Version { get; } =
        typeof(ManPage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The page for <paramref name="root"/>'s tree.</summary>
    public static string Render(RootCommand root)
    {
        var page = new StringBuilder();
        page.Append(".TH ASV 1 \"\" ").Append(Quoted("asv " + Version.Split('+')[0])).Append(" \"User Commands\"\n");
        page.Append(".SH NAME\nasv \\- ").Append(Text(Lead(root.Description))).Append('\n');
        page.Append(".SH SYNOPSIS\n.B asv\n[\\fIoptions\\fR] \\fIcommand\\fR [\\fIarguments\\fR]\n");
        page.Append(".SH DESCRIPTION\n").Append(Text(root.Description ?? "")).Append(
            ".\nEach command talks to one node's management API (docs/api.md); its options follow it, the global options may stand anywhere.\n");
        page.Append(".SH GLOBAL OPTIONS\n");
        foreach (var option in root.Options.Where(o => !o.Hidden))
            AppendOption(page, option);
        page.Append(".SH COMMANDS\n");
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
            AppendCommand(page, command, "asv");
        page.Append(".SH EXIT STATUS\n");
        AppendItem(page, ExitCodes.Ok.ToString(), "everything asked for was done");
        AppendItem(page, ExitCodes.NodeRefused.ToString(), "the node refused or failed the request; stderr has its explanation");
        AppendItem(page, ExitCodes.Usage.ToString(), "the command line or an input file is wrong; nothing was sent");
        AppendItem(page, ExitCodes.Unreachable.ToString(), "the node could not be reached");
        AppendItem(page, ExitCodes.Interrupted.ToString(), "interrupted (Ctrl+C)");
        page.Append(".SH ENVIRONMENT\n");
        AppendItem(page, GlobalOptions.NodeVariable, "the node's address, as --node");
        AppendItem(page, GlobalOptions.TokenVariable, "the bearer token, as --token");
        AppendItem(page, TokenLookup.TokenFileVariable, "a file holding the token, as --token-file");
        AppendItem(page, TokenLookup.DataDirectoryVariable, "a local node's data directory, where asv looks for api.token");
        page.Append(".SH SEE ALSO\nThe project's docs/cli.md (commands and spec files), docs/api.md (the HTTP API), docs/dashboard.md.\n");
        return page.ToString();
    }

    private static void AppendCommand(StringBuilder page, Command command, string parent)
    {
        var path = parent + " " + command.Name;
        page.Append(".SS ").Append(Quoted(path + string.Concat(command.Arguments.Where(a => !a.Hidden).Select(a => " " + Placeholder(a))))).Append('\n');
        var aliases = command.Aliases.Where(a => a != command.Name).ToList();
        page.Append(Text(command.Description ?? "")).Append('\n');
        if (aliases.Count > 0)
            page.Append(".br\nAlso: ").Append(Text(string.Join(", ", aliases.Select(a => parent + " " + a)))).Append('\n');
        foreach (var argument in command.Arguments.Where(a => !a.Hidden && !string.IsNullOrEmpty(a.Description)))
            AppendItem(page, "\\fI" + Text(argument.Name) + "\\fR", argument.Description!);
        foreach (var option in command.Options.Where(o => !o.Hidden))
            AppendOption(page, option);
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            AppendCommand(page, sub, path);
    }

    private static void AppendOption(StringBuilder page, Option option)
    {
        var names = option.Aliases.Where(a => a != option.Name && !a.StartsWith('/')) // not the Windows spellings /h, /?
            .OrderBy(a => a.Length).Append(option.Name).Select(n => "\\fB" + Text(n) + "\\fR");
        var head = string.Join(", ", names);
        if (option.Arity.MaximumNumberOfValues > 0)
            head += " \\fI" + Text(option.HelpName ?? option.Name.TrimStart('-')) + "\\fR";
        AppendItem(page, head, option.Description ?? "");
    }

    private static void AppendItem(StringBuilder page, string head, string body) =>
        page.Append(".TP\n").Append(head).Append('\n').Append(Text(body)).Append('\n');

    private static string Placeholder(Argument argument) =>
        argument.Arity.MaximumNumberOfValues > 1 ? $"<{argument.Name}>..." : argument.Arity.MinimumNumberOfValues == 0 ? $"[<{argument.Name}>]" : $"<{argument.Name}>";

    private static string Lead(string? description) => (description ?? "").Split(':', 2) is [_, var rest] ? rest.Trim() : description ?? "";

    private static string Quoted(string text) => "\"" + Text(text).Replace("\"", "\\(dq", StringComparison.Ordinal) + "\"";

    // roff: a backslash is an escape, a dash a hyphen unless escaped, a line starting with . or ' a request.
    private static string Text(string text)
    {
        var escaped = text.Replace("\\", "\\e", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);
        var lines = escaped.Split('\n').Select(line => line.StartsWith('.') || line.StartsWith('\'') ? "\\&" + line : line);
        return string.Join('\n', lines);
    }
}
