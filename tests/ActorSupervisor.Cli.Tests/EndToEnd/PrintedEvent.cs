using System.Text.Json;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>One event as <c>asv history -o json</c> or <c>asv events -o json</c> prints it.</summary>
internal sealed record PrintedEvent(long Offset, DateTimeOffset Time, string Type, string Why, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Reads one printed event object.</summary>
    public static PrintedEvent Parse(JsonElement e) => new(e.GetProperty("offset").GetInt64(), e.GetProperty("time").GetDateTimeOffset(),
        e.GetProperty("type").GetString()!,
        e.GetProperty("why").GetString()!, e.GetProperty("attributes").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString()!));

    /// <summary>Reads one line of a JSON event stream.</summary>
    public static PrintedEvent Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        return Parse(json.RootElement);
    }

    /// <summary>The container's history through <c>asv history -o json</c>.</summary>
    public static async Task<List<PrintedEvent>> HistoryAsync(Uri node, string container)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(node, "history", "-o", "json", container));
        return json.RootElement.EnumerateArray().Select(Parse).ToList();
    }
}
