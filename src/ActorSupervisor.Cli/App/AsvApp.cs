using System.CommandLine;
using ActorSupervisor.Cli.Commands;
using ActorSupervisor.Cli.Completion;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.App;

/// <summary>Parses, runs, and turns every outcome into a message and an exit code (see <see cref="ExitCodes"/>).</summary>
internal sealed class AsvApp(CliEnvironment environment, AsvHandlers handlers)
{
    // Response files (@file) are off: "@" is ordinary text in commands and labels users pass through.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    // Completion waits this long for the node's container names, then offers none: a TAB must not hang on a node that does not answer
    // (a refused connection fails at once; the first request of a cold process takes about a second).
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(3);

    private readonly RootCommand root = AsvCommandLine.Build(handlers, environment.Variables,
        new ContainerNameSource((parse, token) => ContainerNamesAsync(environment, parse, token)));

    /// <summary>The application with the real handlers.</summary>
    public static AsvApp Create(CliEnvironment environment) => new(environment, DefaultHandlers.Create(environment));

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parse = root.Parse(ExecArguments.Separate(args), Parsing);
        if (parse.Errors.Count > 0) return ReportUsage(parse);
        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException e)
        {
            return Fail(ExitCodes.Usage, $"asv: {e.Message}");
        }
        catch (ApiException e)
        {
            ErrorReport.Write(environment.Error, e);
            if (e.Code == ErrorCodes.Unauthorized)
                AdviseOnToken(parse);
            return ExitCodes.NodeRefused;
        }
        catch (NodeUnreachableException e)
        {
            return Fail(ExitCodes.Unreachable,
                $"asv: {e.Message}\nIs the node running? Point asv at it with --node URL or {GlobalOptions.NodeVariable}.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>The node's containers for completion; nothing, silently, when the node cannot say.</summary>
    private static async Task<IReadOnlyList<ContainerName>> ContainerNamesAsync(CliEnvironment environment, ParseResult parse,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CompletionTimeout);
        try
        {
            var client = environment.ClientFactory(GlobalOptions.Resolve(parse, environment.Variables));
            var containers = await client.ListContainersAsync(all: true, cancellationToken: timeout.Token);
            return containers.Select(c => new ContainerName(c.Name, Output.TextFormat.ShortId(c.Id))).ToList();
        }
        catch (Exception e) when (e is NodeUnreachableException or ApiException or UsageException or OperationCanceledException or HttpRequestException)
        {
            // Completion must never print an error into the user's command line.
            return [];
        }
    }

    // A 401 says what asv sent and how to get the token: the node's group, root, or a token passed explicitly.
    private void AdviseOnToken(ParseResult parse)
    {
        FoundToken found;
        try
        {
            found = GlobalOptions.FindToken(parse, GlobalOptions.NodeOrDefault(parse, environment.Variables), environment.Variables);
        }
        catch (UsageException)
        {
            return;
        }
        environment.Error.WriteLine(found.Source is null
            ? "asv: sent no token: none was given and no readable token file of a node on this machine was found"
            : $"asv: sent the token from {found.Source}, which this node does not accept");
        foreach (var file in found.Unreadable)
            environment.Error.WriteLine($"asv: {file} exists but this user may not read it");
        environment.Error.WriteLine(
            "To drive the node: run asv as root (or the node's user) or as a member of the group set in actor-supervisor.node.api.token-group, " +
            $"which may read the node's <data-dir>/{TokenLookup.TokenFileName}; or pass --token TOKEN / --token-file PATH " +
            $"({GlobalOptions.TokenVariable} / {TokenLookup.TokenFileVariable}).");
    }

    private int ReportUsage(ParseResult parse)
    {
        foreach (var error in parse.Errors) environment.Error.WriteLine($"asv: {error.Message}");
        if (CommandSuggestions.For(parse) is { } hint) environment.Error.WriteLine($"asv: {hint}");
        var path = string.Join(' ', CommandPath(parse));
        environment.Error.WriteLine($"See '{path} --help'.");
        return ExitCodes.Usage;
    }

    // "asv sharding stats": the commands from the root to the one that failed to parse.
    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Push(result.Command is RootCommand ? "asv" : result.Command.Name);
        return names;
    }

    private int Fail(int code, string message)
    {
        environment.Error.WriteLine(message);
        return code;
    }
}
