namespace ActorSupervisor.Client.Contracts;

/// <summary>The node log's level names, least severe first: the one list the node writes and <c>level=</c> reads.</summary>
public static class NodeLogLevels
{
    /// <summary><c>trace</c> to <c>critical</c>, in the order of .NET's <c>LogLevel</c> (0 to 5).</summary>
    public static IReadOnlyList<string> All { get; } = ["trace", "debug", "info", "warn", "error", "critical"];

    /// <summary>The rank of <paramref name="name"/> (0 for trace), or false with a sentence listing the names.</summary>
    public static bool TryParse(string? name, out int rank, out string error)
    {
        var lower = name?.ToLowerInvariant();
        // .NET's own names are read too.
        rank = lower switch { null => -1, "warning" => 3, "information" => 2, _ => All.ToList().IndexOf(lower) };
        error = rank < 0 ? $"unknown level '{name}': expected {string.Join(", ", All)}" : "";
        return rank >= 0;
    }
}
