using System.Globalization;

namespace ActorSupervisor.Hocon;

/// <summary>
/// HOCON's "units format": optional whitespace, a number, optional whitespace, an optional unit made of
/// letters, optional whitespace (<c>100ms</c>, <c>1.5 h</c>, <c>512</c>).
/// </summary>
internal static class UnitNumber
{
    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        var span = text.AsSpan().Trim();
        var end = 0;
        if (end < span.Length && span[end] is '-' or '+')
        {
            end++;
        }
        while (end < span.Length && (char.IsAsciiDigit(span[end]) || span[end] is '.' or 'e' or 'E' || (span[end] is '-' or '+' && span[end - 1] is 'e' or 'E')))
        {
            // 'e' followed by a letter is the start of a unit (1exabyte), not an exponent.
            if (span[end] is 'e' or 'E' && !(end + 1 < span.Length && (char.IsAsciiDigit(span[end + 1]) || span[end + 1] is '-' or '+')))
            {
                break;
            }
            end++;
        }
        var rest = span[end..].TrimStart();
        unit = rest.ToString();
        foreach (var c in rest)
        {
            if (!char.IsLetter(c))
            {
                number = 0;
                return false;
            }
        }
        return decimal.TryParse(span[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
