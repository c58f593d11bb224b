using System.CommandLine.Parsing;
using System.Globalization;
using ActorSupervisor.Values;

namespace ActorSupervisor.Cli.Commands;

/// <summary><c>--since</c>/<c>--until</c> values: an RFC 3339 time, a duration ago, or (for events) an offset.</summary>
internal static class TimeArgument
{
    public static void Check(OptionResult result) => CheckCore(result, allowOffset: false);

    public static void CheckOrOffset(OptionResult result) => CheckCore(result, allowOffset: true);

    /// <summary>
    /// The form the API takes: offsets and durations as typed (the node measures "ago" on its own clock),
    /// times rewritten as RFC 3339 UTC so the node need not guess a format.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (value is null || IsOffset(value) || GoDuration.TryParseNonNegative(value, out _, out _)) return value;
        return TryParseTime(value, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            : value;
    }

    private static void CheckCore(OptionResult result, bool allowOffset)
    {
        var value = result.GetValueOrDefault<string?>();
        if (value is null) return;
        if (allowOffset && IsOffset(value)) return;
        if (GoDuration.TryParseNonNegative(value, out _, out _) || TryParseTime(value, out _)) return;
        var forms = allowOffset ? "an event offset, a time like 2026-11-21T03:00:00Z, or a duration ago like 10m"
            : "a time like 2026-11-21T03:00:00Z or a duration ago like 10m";
        result.AddError($"{result.Option.Name} '{value}' is not {forms}");
    }

    private static bool IsOffset(string value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool TryParseTime(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
}
