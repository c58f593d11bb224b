namespace ActorSupervisor.Hocon;

/// <summary>
/// HOCON sizes in bytes: a number and a unit (<c>512k</c>, <c>10MiB</c>, <c>1 GB</c>); a bare number is
/// bytes, a fraction of a byte is dropped (<c>1.5k</c> is 1536). Powers of ten: <c>kB</c>, <c>MB</c>,
/// <c>GB</c>, <c>TB</c>, <c>PB</c>, <c>EB</c> (and <c>kilobyte(s)</c> ...). Powers of two:
/// <c>K</c>/<c>k</c>/<c>Ki</c>/<c>KiB</c>, <c>M</c>/<c>m</c>/<c>Mi</c>/<c>MiB</c>, ... up to <c>E</c> (and
/// <c>kibibyte(s)</c> ...). Bytes: <c>B</c>, <c>b</c>, <c>byte</c>, <c>bytes</c>. Zetta- and yotta- units
/// are known but never fit a 64-bit count.
/// </summary>
public static class HoconSize
{
    private static readonly UnitFamily Sizes = new(
        "size", "512k, 10MiB or 1GB", "B, kB/K/KiB, MB/M/MiB, GB/G/GiB, TB/T/TiB, PB/P/PiB, EB/E/EiB", "B",
        decimal.Truncate,
        BuildUnits());

    /// <summary>Parses a size in bytes.</summary>
    /// <exception cref="FormatException">The text is not a size, names an unknown unit, or does not fit 64 bits.</exception>
    public static long Parse(string text) =>
        Sizes.TryParse(text, out var bytes, out var error) ? bytes : throw new FormatException(error);

    /// <summary>Parses a size in bytes; false when the text is not one.</summary>
    public static bool TryParse(string text, out long value) => Sizes.TryParse(text, out value, out _);

    /// <summary>Bytes per unit.</summary>
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
            foreach (var name in new[] { letter == "K" ? "kB" : letter + "B", tenName + "byte", tenName + "bytes" })
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
