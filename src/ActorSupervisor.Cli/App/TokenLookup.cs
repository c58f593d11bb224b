namespace ActorSupervisor.Cli.App;

/// <summary>The token asv sends and where it came from (for the advice after a 401).</summary>
/// <param name="Token">The token, or null for none.</param>
/// <param name="Source">Where it came from (<c>--token</c>, <c>ASV_TOKEN</c>, a file's path), or null.</param>
/// <param name="Unreadable">Default token files that exist but this user may not read.</param>
internal sealed record FoundToken(string? Token, string? Source, IReadOnlyList<string> Unreadable);

/// <summary>
/// Finds the token for a node: <c>--token</c>, then <c>ASV_TOKEN</c>, then the file of <c>--token-file</c>, then
/// of <c>ASV_TOKEN_FILE</c>, then, only for a node on loopback (a local token never goes to another machine), the
/// token a local node generated: <c>$ASV_DATA_DIR/api.token</c>, <c>./.data/api.token</c> (what <c>./run.sh</c>
/// uses) and <c>/var/lib/actor-supervisor/api.token</c> (the packaged node's data dir), the first readable one.
/// </summary>
internal static class TokenLookup
{
    /// <summary>The environment variable with a token file's path.</summary>
    public const string TokenFileVariable = "ASV_TOKEN_FILE";

    /// <summary>The node's data directory variable; asv looks for the node's token in it.</summary>
    public const string DataDirectoryVariable = "ASV_DATA_DIR";

    /// <summary>The data directory of the packaged node (deploy/actor-supervisor.service).</summary>
    public const string SystemDataDirectory = "/var/lib/actor-supervisor";

    /// <summary>The name of the node's generated token file in its data directory.</summary>
    public const string TokenFileName = "api.token";

    /// <summary>The token for <paramref name="node"/>.</summary>
    /// <exception cref="UsageException">A token file named explicitly cannot be read or is empty.</exception>
    public static FoundToken Find(string? flagToken, string? flagFile, Uri node, Func<string, string?> environment)
    {
        if (NonEmpty(flagToken) is { } fromFlag)
            return new FoundToken(fromFlag, "--token", []);
        if (NonEmpty(environment(GlobalOptions.TokenVariable)) is { } fromEnvironment)
            return new FoundToken(fromEnvironment, GlobalOptions.TokenVariable, []);
        if (NonEmpty(flagFile) is { } file)
            return new FoundToken(ReadExplicit(file, "--token-file"), file, []);
        if (NonEmpty(environment(TokenFileVariable)) is { } variableFile)
            return new FoundToken(ReadExplicit(variableFile, TokenFileVariable), variableFile, []);
        if (!node.IsLoopback)
            return new FoundToken(null, null, []);
        var unreadable = new List<string>();
        foreach (var candidate in DefaultFiles(environment))
        {
            try
            {
                if (File.Exists(candidate) && NonEmpty(File.ReadAllText(candidate)) is { } token)
                    return new FoundToken(token, candidate, unreadable);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                unreadable.Add(candidate);
            }
        }
        return new FoundToken(null, null, unreadable);
    }

    /// <summary>Where a local node's generated token may be, in the order asv looks.</summary>
    public static IEnumerable<string> DefaultFiles(Func<string, string?> environment)
    {
        if (NonEmpty(environment(DataDirectoryVariable)) is { } dataDirectory)
            yield return Path.GetFullPath(Path.Combine(dataDirectory, TokenFileName));
        yield return Path.GetFullPath(Path.Combine(".data", TokenFileName));
        yield return Path.Combine(SystemDataDirectory, TokenFileName);
    }

    private static string ReadExplicit(string path, string source)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            var why = e is UnauthorizedAccessException
                ? "permission denied: run asv as root or as a member of the node's token group (actor-supervisor.node.api.token-group)"
                : e.Message;
            throw new UsageException($"{source} {path}: cannot read the token: {why}");
        }
        return NonEmpty(text) ?? throw new UsageException($"{source} {path}: the file is empty");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
