using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorSupervisor.Values;

/// <summary>
/// Memory sizes as Docker reads them (docker/go-units <c>RAMInBytes</c>): a number, an optional space, an
/// optional unit k, m, g, t or p in binary multiples (1k = 1024), optionally followed by <c>i</c> and/or
/// <c>b</c>, any case: <c>512m</c>, <c>1g</c>, <c>1.5GB</c>, <c>1024k</c>, <c>1048576</c>.
/// </summary>
public static partial class MemorySize
{
    private const string Hint = "use e.g. 512m, 1g or a number of bytes (0 = no limit)";

    [GeneratedRegex(@"^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$")]
    private static partial Regex SizePattern();

    /// <summary>Parses <paramref name="text"/> into bytes; on failure <paramref name="error"/> names the value and says what is accepted.</summary>
    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = "";
        var match = SizePattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            error = $"'{text}' is not a memory size; {Hint}";
            return false;
        }

        // The pattern admits only digits and one dot, so the number fails to parse only when it overflows.
        var isNumber = decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number);
        var multiplier = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "k" => 1L << 10,
            "m" => 1L << 20,
            "g" => 1L << 30,
            "t" => 1L << 40,
            "p" => 1L << 50,
            _ => 1L,
        };
        if (!isNumber || number > long.MaxValue / (decimal)multiplier)
        {
            error = $"'{text}' is too large a memory size: the largest is 8 EiB";
            return false;
        }
        bytes = (long)decimal.Truncate(number * multiplier);
        return true;
    }

    /// <summary>The canonical form the API echoes: plain bytes (<c>536870912</c>), which every reader of sizes takes back.</summary>
    public static string Format(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>For people: the largest binary unit the size reaches, one decimal at most, e.g. <c>512MiB</c>, <c>1.5GiB</c>, <c>100B</c>.</summary>
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
}
