using System.CommandLine;

namespace ActorSupervisor.Cli.App;

/// <summary>
/// "did you mean stop?" for a mistyped verb or option: the names of the failing command's subcommands (or
/// options) that are within two edits of what was typed, a swap of two neighbours counting as one edit.
/// </summary>
internal static class CommandSuggestions
{
    private const int MaxDistance = 2;

    /// <summary>The hint for the first unmatched token of <paramref name="parse"/>, or null when nothing is close.</summary>
    public static string? For(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        // A mistyped verb comes first: the other errors follow from it.
        if (command.Subcommands.Count > 0 && parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-')) is { } verb)
            return Hint(Closest(verb, command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name))));
        foreach (var token in Suspects(parse).Where(t => t.StartsWith('-')))
        {
            if (Hint(Closest(token, OptionNames(parse.CommandResult))) is { } hint) return hint;
        }
        return null;
    }

    private static string? Hint(IReadOnlyList<string> close) => close.Count > 0 ? $"did you mean {string.Join(" or ", close)}?" : null;

    // The unmatched words, and words that look like options but were taken as arguments ("logs --folow web"
    // reads --folow as the container); nothing after "--", where the workload's own flags are. Short names
    // ("-f") are too short to guess from: only names of three or more characters are suggested.
    private static IEnumerable<string> Suspects(ParseResult parse)
    {
        var optionLike = parse.Tokens
            .TakeWhile(t => t.Type != System.CommandLine.Parsing.TokenType.DoubleDash)
            .Where(t => t.Type == System.CommandLine.Parsing.TokenType.Argument && t.Value.StartsWith('-') && t.Value.Length > 1 && !char.IsDigit(t.Value[1]))
            .Select(t => t.Value);
        return optionLike.Concat(parse.UnmatchedTokens).Distinct(StringComparer.Ordinal);
    }

    /// <summary>The candidates nearest to <paramref name="typed"/> (all at the same, smallest distance), at most three.</summary>
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates)
    {
        var scored = candidates.Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: Distance(typed, name)))
            .Where(c => c.Distance <= Math.Min(MaxDistance, (c.Name.Length - 1) / 2))
            .ToList();
        if (scored.Count == 0) return [];
        var best = scored.Min(c => c.Distance);
        return scored.Where(c => c.Distance == best).Select(c => c.Name).Order(StringComparer.Ordinal).Take(3).ToList();
    }

    private static IEnumerable<string> OptionNames(System.CommandLine.Parsing.CommandResult result)
    {
        for (System.CommandLine.Parsing.SymbolResult? at = result; at is System.CommandLine.Parsing.CommandResult command; at = at.Parent)
        {
            foreach (var option in command.Command.Options.Where(o => !o.Hidden && (o.Recursive || ReferenceEquals(command, result))))
            {
                foreach (var name in option.Aliases.Prepend(option.Name)) yield return name;
            }
        }
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
