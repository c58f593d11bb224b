namespace ActorSupervisor.Hocon;

/// <summary>
/// HOCON durations: a number and a unit, with or without a space (<c>100ms</c>, <c>30 s</c>, <c>1.5h</c>);
/// a bare number is milliseconds. Units are lowercase: <c>ns</c>, <c>us</c>, <c>ms</c>, <c>s</c>, <c>m</c>,
/// <c>h</c>, <c>d</c> and their long names (<c>nanosecond(s)</c>, <c>microsecond(s)</c>,
/// <c>millisecond(s)</c>, <c>second(s)</c>, <c>minute(s)</c>, <c>hour(s)</c>, <c>day(s)</c>) plus
/// <c>nano(s)</c>, <c>micro(s)</c>, <c>milli(s)</c>. Precision is that of <see cref="TimeSpan"/> (100 ns).
/// </summary>
public static class HoconDuration
{
    private const string Expected = "expected a duration such as 100ms, 30s, 5m or 1h (units ns, us, ms, s, m, h, d)";

    private static readonly Dictionary<string, decimal> NanosPerUnit = BuildUnits();

    /// <summary>Parses a duration.</summary>
    /// <exception cref="FormatException">The text is not a duration, names an unknown unit, or is out of range.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a duration; false when the text is not one.</summary>
    public static bool TryParse(string text, out TimeSpan value) => TryParse(text, out value, out _);

    private static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = default;
        if (!UnitNumber.TrySplit(text, out var number, out var unit))
        {
            error = $"{Expected}, found '{text}'";
            return false;
        }
        if (!NanosPerUnit.TryGetValue(unit.Length == 0 ? "ms" : unit, out var nanos))
        {
            error = $"unknown duration unit '{unit}' in '{text}': use ns, us, ms, s, m, h or d";
            return false;
        }
        try
        {
            value = TimeSpan.FromTicks(decimal.ToInt64(decimal.Round(number * nanos / 100m, MidpointRounding.AwayFromZero)));
            error = "";
            return true;
        }
        catch (OverflowException)
        {
            error = $"duration '{text}' is out of range";
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal nanos, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = nanos;
            }
        }
        Add(1m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(1_000m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(1_000_000m, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(1_000_000_000m, "s", "second", "seconds");
        Add(60_000_000_000m, "m", "minute", "minutes");
        Add(3_600_000_000_000m, "h", "hour", "hours");
        Add(86_400_000_000_000m, "d", "day", "days");
        return units;
    }
}
