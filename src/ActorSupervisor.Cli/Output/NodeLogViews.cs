using System.Globalization;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Output;

/// <summary>What <c>node logs</c> prints: one line per entry (time, level, category, message), an exception's lines indented.</summary>
internal static class NodeLogViews
{
    public static void Entry(CliOutput output, NodeLogEntry entry)
    {
        if (output.IsJson)
        {
            output.Line(JsonSerializer.Serialize(entry, ApiJsonContext.Default.NodeLogEntry));
            return;
        }
        var time = entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        output.Line($"{time} {entry.Level.ToUpperInvariant(),-8} {entry.Category}: {entry.Message}");
        if (entry.Exception is { } exception)
        {
            foreach (var line in exception.Split('\n'))
                output.Line("    " + line.TrimEnd('\r'));
        }
    }
}
