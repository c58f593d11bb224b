using System.Globalization;

namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>
/// A Linux signal, read as Docker reads <c>--stop-signal</c> and <c>kill -s</c>: a name with or without
/// <c>SIG</c> (<c>SIGTERM</c>, <c>term</c>) or a number (<c>15</c>).
/// </summary>
/// <param name="Number">The signal's number on Linux.</param>
/// <param name="Name">Its canonical name (<c>SIGTERM</c>), or the number as text for a signal without one.</param>
public readonly record struct UnixSignal(int Number, string Name)
{
    /// <summary>SIGKILL: cannot be caught; what a stop falls back to after the stop timeout.</summary>
    public static readonly UnixSignal Kill = new(9, "SIGKILL");

    /// <summary>SIGTERM: Docker's default stop signal.</summary>
    public static readonly UnixSignal Terminate = new(15, "SIGTERM");

    /// <summary>Linux's real-time signals end at 64.</summary>
    private const int HighestSignal = 64;

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6,
        ["BUS"] = 7, ["FPE"] = 8, ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13,
        ["ALRM"] = 14, ["TERM"] = 15, ["STKFLT"] = 16, ["CHLD"] = 17, ["CONT"] = 18, ["STOP"] = 19,
        ["TSTP"] = 20, ["TTIN"] = 21, ["TTOU"] = 22, ["URG"] = 23, ["XCPU"] = 24, ["XFSZ"] = 25,
        ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28, ["IO"] = 29, ["POLL"] = 29, ["PWR"] = 30, ["SYS"] = 31,
    };

    /// <summary>Reads a signal; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out UnixSignal signal, out string error)
    {
        signal = default;
        error = "";
        var trimmed = text?.Trim() ?? "";
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number is < 1 or > HighestSignal)
            {
                error = $"invalid signal '{text}': numbers go from 1 to {HighestSignal}";
                return false;
            }
            signal = FromNumber(number);
            return true;
        }

        var upper = trimmed.ToUpperInvariant();
        var bare = upper.StartsWith("SIG", StringComparison.Ordinal) ? upper[3..] : upper;
        if (!Numbers.TryGetValue(bare, out number))
        {
            error = $"invalid signal '{text}': expected a name such as SIGTERM, TERM or KILL, or a number";
            return false;
        }
        signal = FromNumber(number);
        return true;
    }

    /// <summary>The signal with <paramref name="number"/>, named canonically when it has a name.</summary>
    public static UnixSignal FromNumber(int number)
    {
        var name = Numbers.Where(n => n.Value == number).Select(n => "SIG" + n.Key).FirstOrDefault();
        return new UnixSignal(number, name ?? number.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
