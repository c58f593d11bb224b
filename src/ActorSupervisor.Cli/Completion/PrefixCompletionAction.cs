using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ActorSupervisor.Cli.Completion;

/// <summary>
/// The <c>[suggest:N] "line"</c> directive the completion scripts call. System.CommandLine's own action
/// offers every candidate that contains the word (<c>asv st</c> offered history, restart, cluster); shells
/// complete by prefix, so this one keeps only the candidates that start with it, and asks the node for
/// container names where a container is expected.
/// </summary>
internal sealed class PrefixCompletionAction(SuggestDirective directive, ContainerNameSource containers) : AsynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var line = parseResult.Tokens.LastOrDefault(t => t.Type != TokenType.Directive)?.Value ?? "";
        var position = parseResult.GetResult(directive)?.Values.SingleOrDefault() is { Length: > 0 } text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? Math.Min(at, line.Length)
            : line.Length;
        var parse = parseResult.RootCommandResult.Command.Parse(line, parseResult.Configuration);
        var word = WordAt(line, position);
        if (!word.StartsWith('-') && ContainerNameSource.Wants(parse.CommandResult.Command))
            await containers.LoadAsync(parse, cancellationToken);
        var candidates = parse.GetCompletions(position)
            .Select(c => OneLine(c.InsertText ?? c.Label))
            .Concat(word.StartsWith('-') ? [] : containers.Complete(parse, word))
            .Where(c => c.StartsWith(word, StringComparison.Ordinal) && !c.StartsWith('/'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        // As Docker's completion does, a bare TAB offers commands, names and values; flags once a '-' is typed.
        if (word.Length == 0 && candidates.Any(c => !c.StartsWith('-'))) candidates.RemoveAll(c => c.StartsWith('-'));
        var output = parseResult.InvocationConfiguration.Output;
        foreach (var completion in candidates) output.WriteLine(completion);
        return 0;
    }

    /// <summary>The word the cursor ends: from the last space before <paramref name="position"/> (empty after a space).</summary>
    internal static string WordAt(string line, int position)
    {
        var before = line[..position];
        var start = before.LastIndexOf(' ') + 1;
        var word = before[start..];
        // "--output=j" completes the value after the equals sign.
        var equals = word.StartsWith('-') ? word.IndexOf('=') : -1;
        return equals >= 0 ? word[(equals + 1)..] : word;
    }

    private static string OneLine(string value) =>
        value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
}
