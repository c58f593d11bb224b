using System.CommandLine;
using ActorSupervisor.Cli.Commands;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.App;

/// <summary>Parses, runs, and turns every outcome into a message and an exit code (see <see cref="ExitCodes"/>).</summary>
internal sealed class AsvApp(CliEnvironment environment, AsvHandlers handlers)
{
    // Response files (@file) are off: "@" is ordinary text in commands and labels users pass through.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    private readonly RootCommand root = AsvCommandLine.Build(handlers, environment.Variables);

    /// <summary>The application with the real handlers.</summary>
    public static AsvApp Create(CliEnvironment environment) => new(environment, DefaultHandlers.Create(environment));

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parse = root.Parse(args, Parsing);
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
