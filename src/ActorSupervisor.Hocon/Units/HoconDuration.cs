namespace ActorSupervisor.Hocon;

/// <summary>
/// HOCON durations: a number and a unit, with or without a space (<c>100ms</c>, <c>30 s</c>, <c>1.5h</c>);
/// a bare number is milliseconds. Units are lowercase: <c>ns</c>, <c>us</c>, <c>ms</c>, <c>s</c>, <c>m</c>,
/// <c>h</c>, <c>d</c> and their long names (<c>nanosecond(s)</c>, <c>microsecond(s)</c>,
/// <c>millisecond(s)</c>, <c>second(s)</c>, <c>minute(s)</c>, <c>hour(s)</c>, <c>day(s)</c>) plus
/// <c>nano(s)</c>, <c>micro(s)</c>, <c>milli(s)</c>. Precision is that of <see cref="TimeSpan"/> (100 ns),
/// rounded half away from zero.
/// </summary>
public static class HoconDuration
{
    private static readonly UnitFamily Durations = new(
        "duration", "100ms, 30s, 5m or 1h", "ns, us, ms, s, m, h, d", "ms",
        ticks => decimal.Round(ticks, MidpointRounding.AwayFromZero),
        BuildUnits());

    /// <summary>Parses a duration.</summary>
    /// <exception cref="FormatException">The text is not a duration, names an unknown unit, or is out of range.</exception>
    public static TimeSpan Parse(string text) =>
        Durations.TryParse(text, out var ticks, out var error) ? TimeSpan.FromTicks(ticks) : throw new FormatException(error);

    /// <summary>Parses a duration; false when the text is not one.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        var parsed = Durations.TryParse(text, out var ticks, out _);
        value = TimeSpan.FromTicks(ticks);
        return parsed;
    }

    /// <summary>Ticks (100 ns) per unit.</summary>
    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }
        Add(0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
