using ActorSupervisor.Hocon;

namespace ActorSupervisor.Client.Specs;

/// <summary>
/// A HOCON container declaration that cannot be read: where it is (file:line:column), the setting's path,
/// the value written there when it is a single value, and what is wrong. The message reads
/// <c>file:line:col: setting 'containers.web.memory': expected a single value, found array</c>.
/// </summary>
public sealed class HoconSpecException : Exception
{
    /// <summary>Creates the error; <paramref name="path"/> empty means the file as a whole.</summary>
    public HoconSpecException(HoconPosition position, string path, string? value, string problem)
        : base(path.Length == 0 ? $"{position}: {problem}" : $"{position}: setting '{path}': {problem}")
    {
        Position = position;
        Path = path;
        Value = value;
        Problem = problem;
    }

    /// <summary>Where the offending value (or the nearest enclosing one) was written.</summary>
    public HoconPosition Position { get; }

    /// <summary>The HOCON path of the offending setting, e.g. <c>containers.web.healthcheck.retries</c>.</summary>
    public string Path { get; }

    /// <summary>The text written there, when it is a single value; null for objects, lists and missing settings.</summary>
    public string? Value { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
