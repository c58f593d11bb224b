namespace ActorSupervisor.Hocon;

/// <summary>How <see cref="HoconReader"/> finds included files and environment variables.</summary>
public sealed record HoconReaderOptions
{
    /// <summary>The options used when none are given: process environment, current directory.</summary>
    public static HoconReaderOptions Default { get; } = new();

    /// <summary>
    /// Where relative includes of text that did not come from a file are looked up; null means the current
    /// directory. Includes inside a file are always relative to that file's directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Looks up an environment variable for a substitution that names no setting (<c>${?HOME}</c>);
    /// null means the process environment. Tests pass a dictionary lookup.
    /// </summary>
    public Func<string, string?>? EnvironmentVariables { get; init; }

    internal string? Environment(string name) =>
        (EnvironmentVariables ?? System.Environment.GetEnvironmentVariable)(name);
}
