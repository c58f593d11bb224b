using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Specs;

/// <summary>
/// Docker's <c>--env-file</c>: one <c>KEY=VALUE</c> per line, the value taken as written (no quotes, no expansion);
/// a <c>KEY</c> alone takes the caller's value of it and is left out when the caller has none; blank lines and lines
/// starting with <c>#</c> are skipped. A bad line is a usage error naming the file and line.
/// </summary>
internal static class EnvFile
{
    /// <summary>The file's variables in order, as <c>KEY=VALUE</c>.</summary>
    /// <exception cref="UsageException">The file cannot be read, or a line has no valid name.</exception>
    public static IReadOnlyList<string> Read(string path, Func<string, string?> environment)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--env-file {path}: {e.Message}");
        }
        var result = new List<string>();
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimStart();
            if (line.Length == 0 || line[0] == '#')
                continue;
            var equals = line.IndexOf('=');
            var name = equals < 0 ? line : line[..equals];
            var problem = name.Length == 0 ? "a variable needs a name before '='"
                : name.Any(char.IsWhiteSpace) ? $"variable name '{name}' contains whitespace"
                : null;
            if (problem is not null)
                throw new UsageException($"--env-file {path}:{index + 1}: {problem}");
            if (equals >= 0)
                result.Add(line);
            else if (environment(name) is { } value)
                result.Add($"{name}={value}");
        }
        return result;
    }
}
