using System.CommandLine;
using ActorSupervisor.Client;

namespace ActorSupervisor.Cli.App;

/// <summary>Options every command accepts: which node, which token, which output.</summary>
internal static class GlobalOptions
{
    /// <summary>The environment variable that sets the node address.</summary>
    public const string NodeVariable = "ASV_NODE";

    /// <summary>The environment variable that sets the token.</summary>
    public const string TokenVariable = "ASV_TOKEN";

    public static readonly Option<string?> Node = new("--node")
    {
        Description = $"The node's management API address [env: {NodeVariable}, default: {ActorSupervisorClient.DefaultNodeUrl}]",
        HelpName = "url",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = $"Bearer token for the node [env: {TokenVariable}; else --token-file]",
        Recursive = true,
    };

    public static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = $"File holding the bearer token [env: {TokenLookup.TokenFileVariable}; default for a node on this machine: " +
            $"$ASV_DATA_DIR/api.token, ./.data/api.token, {TokenLookup.SystemDataDirectory}/api.token]",
        HelpName = "path",
        Recursive = true,
    };

    public static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "How to print results: table (default), json (stable, for scripts) or wide",
        HelpName = "table|json|wide",
        Recursive = true,
    };

    static GlobalOptions() => Output.AcceptOnlyFromAmong("table", "json", "wide");

    /// <summary>Adds the options to the root command.</summary>
    public static void AddTo(Command root)
    {
        root.Options.Add(Node);
        root.Options.Add(Token);
        root.Options.Add(TokenFile);
        root.Options.Add(Output);
    }

    /// <summary>The settings of one invocation: flags first, then the environment, then the defaults.</summary>
    public static GlobalSettings Resolve(ParseResult parseResult, Func<string, string?> environment)
    {
        var nodeText = NonEmpty(parseResult.GetValue(Node)) ?? NonEmpty(environment(NodeVariable));
        var node = ParseNode(nodeText);
        var token = FindToken(parseResult, node, environment).Token;
        return new GlobalSettings(node, token, parseResult.GetValue(Output));
    }

    /// <summary>The token for <paramref name="node"/> and where it came from (see <see cref="TokenLookup"/>).</summary>
    public static FoundToken FindToken(ParseResult parseResult, Uri node, Func<string, string?> environment) =>
        TokenLookup.Find(parseResult.GetValue(Token), parseResult.GetValue(TokenFile), node, environment);

    /// <summary>The node address of <paramref name="parseResult"/>, or the default when it is unusable.</summary>
    public static Uri NodeOrDefault(ParseResult parseResult, Func<string, string?> environment)
    {
        try
        {
            return ParseNode(NonEmpty(parseResult.GetValue(Node)) ?? NonEmpty(environment(NodeVariable)));
        }
        catch (UsageException)
        {
            return ActorSupervisorClient.DefaultNodeUrl;
        }
    }

    private static Uri ParseNode(string? text)
    {
        if (text is null) return ActorSupervisorClient.DefaultNodeUrl;
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
            return uri;
        throw new UsageException($"--node '{text}' is not a node address; use e.g. http://127.0.0.1:7411 or host:port");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
