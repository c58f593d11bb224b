using System.Globalization;

namespace ActorSupervisor.Hocon;

/// <summary>
/// One family of units (durations, sizes) in HOCON's "units format": optional whitespace, a number, optional
/// whitespace, an optional unit made of letters, optional whitespace (<c>100ms</c>, <c>1.5 h</c>, <c>512</c>).
/// A value is the number times the unit's multiplier, rounded to a whole count of the family's base unit.
/// </summary>
/// <param name="name">The family in messages: "duration", "size".</param>
/// <param name="examples">Examples for "expected a {name} such as ...".</param>
/// <param name="unitList">The units to suggest when one is unknown.</param>
/// <param name="defaultUnit">The unit of a bare number.</param>
/// <param name="round">How a fraction of the base unit is rounded.</param>
/// <param name="units">Each unit name and how many base units it is.</param>
internal sealed class UnitFamily(string name, string examples, string unitList, string defaultUnit, Func<decimal, decimal> round, IReadOnlyDictionary<string, decimal> units)
{
    public bool TryParse(string text, out long value, out string error)
    {
        value = 0;
        if (!TrySplit(text, out var number, out var unit))
        {
            error = $"expected a {name} such as {examples} (units {unitList}), found '{text}'";
            return false;
        }
        if (!units.TryGetValue(unit.Length == 0 ? defaultUnit : unit, out var multiplier))
        {
            error = $"unknown {name} unit '{unit}' in '{text}': use {unitList}";
            return false;
        }
        try
        {
            value = decimal.ToInt64(round(number * multiplier));
            error = "";
            return true;
        }
        catch (OverflowException)
        {
            error = $"{name} '{text}' is out of range (64 bits)";
            return false;
        }
    }

    private static bool TrySplit(string text, out decimal number, out string unit)
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
