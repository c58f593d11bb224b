using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>
/// Memory sizes as Docker reads them (docker/go-units <c>RAMInBytes</c>): a number, an optional space, an
/// optional unit k, m, g, t or p in binary multiples (1k = 1024), optionally followed by <c>i</c> and/or
/// <c>b</c>, any case: <c>512m</c>, <c>1g</c>, <c>1.5GB</c>, <c>1024k</c>, <c>1048576</c>.
/// </summary>
public static partial class MemorySize
{
    [GeneratedRegex(@"^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$")]
    private static partial Regex SizePattern();

    /// <summary>Parses <paramref name="text"/> into bytes; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = "";
        var match = SizePattern().Match(text ?? "");
        if (!match.Success)
        {
            error = $"invalid size '{text}': expected a number with an optional unit b, k, m, g, t or p (e.g. 512m, 1g)";
            return false;
        }
        if (!decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"invalid size '{text}': '{match.Groups[1].Value}' is not a number";
            return false;
        }

        var multiplier = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "k" => 1L << 10,
            "m" => 1L << 20,
            "g" => 1L << 30,
            "t" => 1L << 40,
            "p" => 1L << 50,
            _ => 1L,
        };
        if (number > long.MaxValue / (decimal)multiplier)
        {
            error = $"invalid size '{text}': too large";
            return false;
        }
        bytes = (long)decimal.Truncate(number * multiplier);
        return true;
    }
}
