namespace ActorSupervisor.Hocon;

/// <summary>
/// HOCON sizes in bytes: a number and a unit (<c>512k</c>, <c>10MiB</c>, <c>1 GB</c>); a bare number is
/// bytes. Powers of ten: <c>kB</c>, <c>MB</c>, <c>GB</c>, <c>TB</c>, <c>PB</c>, <c>EB</c> (and
/// <c>kilobyte(s)</c> ...). Powers of two: <c>K</c>/<c>k</c>/<c>Ki</c>/<c>KiB</c>, <c>M</c>/<c>m</c>/<c>Mi</c>/<c>MiB</c>,
/// ... up to <c>E</c> (and <c>kibibyte(s)</c> ...). Bytes: <c>B</c>, <c>b</c>, <c>byte</c>, <c>bytes</c>.
/// Zetta- and yotta- units parse but exceed a 64-bit count.
/// </summary>
public static class HoconSize
{
    private const string Expected = "expected a size such as 512k, 10MiB or 1GB (units B, kB, K, KiB, MB, M, MiB, GB, G, GiB, ...)";

    private static readonly Dictionary<string, decimal> BytesPerUnit = BuildUnits();

    /// <summary>Parses a size in bytes (fractions are rounded down: <c>1.5k</c> is 1536).</summary>
    /// <exception cref="FormatException">The text is not a size, names an unknown unit, or does not fit 64 bits.</exception>
    public static long Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a size in bytes; false when the text is not one.</summary>
    public static bool TryParse(string text, out long value) => TryParse(text, out value, out _);

    private static bool TryParse(string text, out long value, out string error)
    {
        value = 0;
        if (!UnitNumber.TrySplit(text, out var number, out var unit))
        {
            error = $"{Expected}, found '{text}'";
            return false;
        }
        if (!BytesPerUnit.TryGetValue(unit.Length == 0 ? "B" : unit, out var multiplier))
        {
            error = $"unknown size unit '{unit}' in '{text}': use B, kB/K/KiB, MB/M/MiB, GB/G/GiB, TB/T/TiB, PB/P/PiB or EB/E/EiB";
            return false;
        }
        try
        {
            value = decimal.ToInt64(decimal.Truncate(number * multiplier));
            error = "";
            return true;
        }
        catch (OverflowException)
        {
            error = $"size '{text}' does not fit in a 64-bit byte count";
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1 };
        (string Decimal, string Binary, string Letter)[] prefixes =
        [
            ("kilo", "kibi", "K"), ("mega", "mebi", "M"), ("giga", "gibi", "G"), ("tera", "tebi", "T"),
            ("peta", "pebi", "P"), ("exa", "exbi", "E"), ("zetta", "zebi", "Z"), ("yotta", "yobi", "Y"),
        ];
        decimal power10 = 1, power2 = 1;
        foreach (var (tenName, twoName, letter) in prefixes)
        {
            power10 *= 1000;
            power2 *= 1024;
            var tenSymbol = letter == "K" ? "kB" : letter + "B";
            foreach (var name in new[] { tenSymbol, tenName + "byte", tenName + "bytes" })
            {
                units[name] = power10;
            }
            foreach (var name in new[] { letter, letter.ToLowerInvariant(), letter + "i", letter + "iB", twoName + "byte", twoName + "bytes" })
            {
                units[name] = power2;
            }
        }
        return units;
    }
}
