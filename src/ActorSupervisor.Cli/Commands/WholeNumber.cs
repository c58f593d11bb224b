using System.CommandLine.Parsing;
using System.Globalization;

namespace ActorSupervisor.Cli.Commands;

/// <summary>
/// Parsers for whole-number options with a lower bound. A custom parser (rather than a validator)
/// because a validator cannot read a value that failed to convert.
/// </summary>
internal static class WholeNumber
{
    public static Func<ArgumentResult, int?> AtLeast(int minimum) => result =>
    {
        if (result.Tokens.Count == 0) return null;
        var text = result.Tokens[^1].Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum)
            return value;
        var name = (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
        result.AddError($"{name} '{text}' must be a whole number, {minimum.ToString(CultureInfo.InvariantCulture)} or more");
        return null;
    };
}
