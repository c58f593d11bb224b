using System.CommandLine;

namespace ActorSupervisor.Cli.Completion;

/// <summary>
/// Asks the node for container names (and ids) when a completion is at a container argument.
/// Completion sources are synchronous, so <see cref="PrefixCompletionAction"/> fetches the names first
/// (asynchronously, briefly) and the arguments' sources read what it found.
/// </summary>
/// <param name="fetch">The node's container names and ids for the parse; must not throw (an unreachable node yields none).</param>
internal sealed class ContainerNameSource(Func<ParseResult, CancellationToken, Task<IReadOnlyList<ContainerName>>> fetch)
{
    /// <summary>The names of the container arguments (<c>ContainerArguments</c>).</summary>
    private static readonly string[] ArgumentNames = ["container", "containers"];

    private IReadOnlyList<ContainerName> known = [];

    /// <summary>Gives every container argument under <paramref name="root"/> this source.</summary>
    public void AttachTo(Command root)
    {
        foreach (var argument in root.Arguments.Where(IsContainerArgument))
            argument.CompletionSources.Add(context => Full(argument, context.ParseResult, context.WordToComplete) ? [] : Offer(context.WordToComplete));
        foreach (var command in root.Subcommands) AttachTo(command);
    }

    /// <summary>Whether completing in <paramref name="command"/> may need container names.</summary>
    public static bool Wants(Command command) => command.Arguments.Any(IsContainerArgument);

    /// <summary>
    /// The names for the command <paramref name="parse"/> ends in, also where System.CommandLine would only offer
    /// a flag's values: in <c>logs -f w</c> it takes <c>w</c> for a value of the boolean <c>-f</c>.
    /// </summary>
    public IEnumerable<string> Complete(ParseResult parse, string word) =>
        parse.CommandResult.Command.Arguments.Where(IsContainerArgument).Any(a => !Full(a, parse, word)) ? Offer(word) : [];

    /// <summary>Fetches the names the next completion offers.</summary>
    public async Task LoadAsync(ParseResult parse, CancellationToken cancellationToken) => known = await fetch(parse, cancellationToken);

    // Names always; ids only once the word typed so far starts one, so that a bare TAB is not a wall of hex.
    private IEnumerable<string> Offer(string word) =>
        known.Select(c => c.Name).Concat(word.Length == 0 ? [] : known.Select(c => c.ShortId).Where(id => id.StartsWith(word, StringComparison.Ordinal)));

    // "history web <TAB>": the one container is given; what is typed now is no container.
    private static bool Full(Argument argument, ParseResult parse, string word)
    {
        if (parse.GetResult(argument) is not { } result) return false;
        var taken = result.Tokens.Count - (word.Length > 0 && result.Tokens.Count > 0 && result.Tokens[^1].Value == word ? 1 : 0);
        return taken >= argument.Arity.MaximumNumberOfValues;
    }

    private static bool IsContainerArgument(Argument argument) => ArgumentNames.Contains(argument.Name);
}

/// <summary>A container as completion offers it.</summary>
internal sealed record ContainerName(string Name, string ShortId);
