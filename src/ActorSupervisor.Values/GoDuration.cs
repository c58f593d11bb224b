using System.Globalization;
using System.Text;

namespace ActorSupervisor.Values;

/// <summary>
/// Durations as Docker reads and prints them: Go's <c>time.ParseDuration</c> (<c>300ms</c>, <c>30s</c>,
/// <c>1m30s</c>, <c>1.5h</c>, a sign allowed) and <c>time.Duration.String</c> (<c>1h0m0s</c>, <c>1.5s</c>).
/// Units: ns, us (µs), ms, s, m, h. Surrounding white space is ignored.
/// </summary>
public static class GoDuration
{
    /// <summary>The longest duration Go can hold (2562047h47m16.854775807s), cut to .NET's 100 ns ticks.</summary>
    public static readonly TimeSpan MaxValue = TimeSpan.FromTicks(long.MaxValue / (long)NanosPerTick);

    private const decimal NanosPerTick = 100m;
    private const string Hint = "use e.g. 30s, 1m30s or 500ms";
    private static readonly (string Unit, decimal Nanos)[] Units =
    [
        ("ns", 1m), ("us", 1_000m), ("µs", 1_000m), ("μs", 1_000m), ("ms", 1_000_000m),
        ("s", 1_000_000_000m), ("m", 60_000_000_000m), ("h", 3_600_000_000_000m),
    ];

    /// <summary>
    /// Parses <paramref name="text"/> as Go does. On failure <paramref name="error"/> names the value, says what
    /// is wrong (a missing or unknown unit, too long) and gives examples.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        var s = (text ?? "").AsSpan().Trim();
        var negative = !s.IsEmpty && s[0] == '-';
        if (!s.IsEmpty && s[0] is '-' or '+') s = s[1..];
        if (s is "0")
            return true;
        if (s.IsEmpty)
            return Invalid(text, "", out error);

        decimal totalNanos = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            var digits = 0;
            var dots = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                if (s[numberLength] == '.') dots++; else digits++;
                numberLength++;
            }
            if (digits == 0 || dots > 1)
                return Invalid(text, "", out error);

            var unitLength = 0;
            while (numberLength + unitLength < s.Length && !char.IsAsciiDigit(s[numberLength + unitLength]) && s[numberLength + unitLength] != '.')
                unitLength++;
            if (unitLength == 0)
                return Invalid(text, ": missing unit (ns, us, ms, s, m or h)", out error);

            var unit = s.Slice(numberLength, unitLength).ToString();
            var nanosPerUnit = Units.FirstOrDefault(u => u.Unit == unit).Nanos;
            if (nanosPerUnit == 0)
                return Invalid(text, $": unknown unit '{unit}' (units are ns, us, ms, s, m, h)", out error);

            if (!decimal.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || number > decimal.MaxValue / nanosPerUnit
                || number * nanosPerUnit > long.MaxValue - totalNanos)
            {
                error = $"'{text}' is too long a duration: the longest is {Format(MaxValue)}";
                return false;
            }
            totalNanos += number * nanosPerUnit;
            s = s[(numberLength + unitLength)..];
        }

        var ticks = (long)decimal.Truncate(totalNanos / NanosPerTick);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>As <see cref="TryParse"/>, but a negative duration is refused too: for lengths of time such as intervals and timeouts.</summary>
    public static bool TryParseNonNegative(string? text, out TimeSpan value, out string error)
    {
        if (!TryParse(text, out value, out error))
            return false;
        if (value >= TimeSpan.Zero)
            return true;
        error = $"'{text}' cannot be negative; {Hint}";
        value = TimeSpan.Zero;
        return false;
    }

    /// <summary>Formats <paramref name="value"/> as Go's <c>Duration.String</c> does: <c>1h0m0s</c>, <c>1m30s</c>, <c>1.5s</c>, <c>300ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        var sign = value < TimeSpan.Zero ? "-" : "";
        var nanos = Math.Abs((decimal)value.Ticks) * NanosPerTick;
        if (nanos < 1_000m) return $"{sign}{nanos.ToString(CultureInfo.InvariantCulture)}ns";
        if (nanos < 1_000_000m) return $"{sign}{Trim(nanos / 1_000m)}µs";
        if (nanos < 1_000_000_000m) return $"{sign}{Trim(nanos / 1_000_000m)}ms";

        var builder = new StringBuilder(sign);
        var hours = decimal.Truncate(nanos / 3_600_000_000_000m);
        nanos -= hours * 3_600_000_000_000m;
        var minutes = decimal.Truncate(nanos / 60_000_000_000m);
        nanos -= minutes * 60_000_000_000m;
        if (hours > 0) builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || minutes > 0) builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        return builder.Append(Trim(nanos / 1_000_000_000m)).Append('s').ToString();
    }

    private static string Trim(decimal number) =>
        number.ToString("0.#########", CultureInfo.InvariantCulture);

    private static bool Invalid(string? text, string reason, out string error)
    {
        error = $"'{text}' is not a duration{reason}; {Hint}";
        return false;
    }
}
