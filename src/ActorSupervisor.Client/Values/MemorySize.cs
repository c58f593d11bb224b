using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorSupervisor.Client.Values;

/// <summary>Memory sizes as Docker writes them: <c>512m</c>, <c>1.5g</c>, <c>65536</c> (units b, k, m, g, t, p; powers of 1024).</summary>
public static partial class MemorySize
{
    /// <summary>Reads a size in bytes; false with a sentence for people when the text is not one.</summary>
    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = $"'{text}' is not a memory size; use e.g. 512m, 1g or a number of bytes (0 = no limit)";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        var number = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value.ToLowerInvariant();
        var multiplier = unit.Length == 0 ? 1m : unit[0] switch
        {
            'k' => 1024m,
            'm' => 1024m * 1024,
            'g' => 1024m * 1024 * 1024,
            't' => 1024m * 1024 * 1024 * 1024,
            'p' => 1024m * 1024 * 1024 * 1024 * 1024,
            _ => 1m,
        };
        var total = number * multiplier;
        if (total > long.MaxValue)
        {
            error = $"'{text}' is too large";
            return false;
        }
        bytes = (long)total;
        return true;
    }

    /// <summary>Reads a size in bytes or throws <see cref="FormatException"/> saying what is accepted.</summary>
    public static long Parse(string text) =>
        TryParse(text, out var bytes, out var error) ? bytes : throw new FormatException(error);

    /// <summary>The canonical form the API echoes: plain bytes.</summary>
    public static string Format(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>For people: the largest whole unit, e.g. <c>512MiB</c>, <c>1.5GiB</c>.</summary>
    public static string Humanize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value % 1 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + units[unit];
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(b|[kmgtp](?:i?b)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
