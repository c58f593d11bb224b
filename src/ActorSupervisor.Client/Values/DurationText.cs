using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorSupervisor.Client.Values;

/// <summary>
/// Durations as the API writes them: <c>10s</c>, <c>1m30s</c>, <c>1.5s</c>, <c>500ms</c> (units ns, us, ms, s, m, h).
/// </summary>
public static partial class DurationText
{
    /// <summary>The longest duration accepted, so that arithmetic on it cannot overflow.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(3650);

    /// <summary>Reads a duration; false with a sentence for people when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = $"'{text}' is not a duration; use e.g. 30s, 1m30s or 500ms";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        if (trimmed == "0") return true;
        if (!WholePattern().IsMatch(trimmed)) return false;
        decimal ticks = 0;
        foreach (Match part in PartPattern().Matches(trimmed))
        {
            var number = decimal.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += number * TicksPerUnit(part.Groups[2].Value);
            if (ticks > Max.Ticks)
            {
                error = $"'{text}' is too long; the longest duration is {Format(Max)}";
                return false;
            }
        }
        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Reads a duration or throws <see cref="FormatException"/> saying what is accepted.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The canonical form: h, m, s, ms (and us below that), zero parts left out, <c>0s</c> for zero.</summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero) return "0s";
        var builder = new StringBuilder();
        Append(builder, (long)value.TotalHours, "h");
        Append(builder, value.Minutes, "m");
        Append(builder, value.Seconds, "s");
        Append(builder, value.Milliseconds, "ms");
        Append(builder, value.Microseconds, "us");
        return builder.Length == 0 ? "0s" : builder.ToString();
    }

    private static void Append(StringBuilder builder, long amount, string unit)
    {
        if (amount > 0) builder.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
    }

    private static long TicksPerUnit(string unit) => unit switch
    {
        "ns" => 0,
        "us" or "µs" => TimeSpan.TicksPerMicrosecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        _ => TimeSpan.TicksPerHour,
    };

    [GeneratedRegex(@"^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex WholePattern();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex PartPattern();
}
