namespace ActorSupervisor.Hocon;

/// <summary>
/// A HOCON file could not be read, or one of its values is not what a caller asked for. The message
/// starts with <c>file:line:column</c> and then says what was expected or what is wrong.
/// </summary>
public sealed class HoconException : Exception
{
    /// <summary>Creates an error at a position; <paramref name="path"/> names the setting when there is one.</summary>
    public HoconException(HoconPosition position, string reason, string? path = null)
        : base(Describe(position, reason, path))
    {
        Position = position;
        Reason = reason;
        Path = path;
    }

    /// <summary>Where the problem is.</summary>
    public HoconPosition Position { get; }

    /// <summary>The file that holds the problem.</summary>
    public string File => Position.File;

    /// <summary>The line of the problem, counting from 1.</summary>
    public int Line => Position.Line;

    /// <summary>The column of the problem, counting from 1.</summary>
    public int Column => Position.Column;

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The setting's path (<c>a.b.c</c>) when the problem is a value, otherwise null.</summary>
    public string? Path { get; }

    private static string Describe(HoconPosition position, string reason, string? path) =>
        path is null ? $"{position}: {reason}" : $"{position}: setting '{path}': {reason}";
}
