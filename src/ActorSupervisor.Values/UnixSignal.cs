using System.Globalization;

namespace ActorSupervisor.Values;

/// <summary>
/// A Linux signal, read as Docker reads <c>--stop-signal</c> and <c>kill -s</c> (moby/sys <c>signal.ParseSignal</c>):
/// a name with or without <c>SIG</c> in any case (<c>SIGTERM</c>, <c>term</c>) or a number from 1 to 64 (<c>15</c>).
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

    // Index = number; the canonical names of Linux's standard signals.
    private static readonly string[] CanonicalNames =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
        "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS",
    ];

    private static readonly Dictionary<string, int> Numbers = CanonicalNames
        .Select((name, number) => (Name: name, Number: number))
        .Where(n => n.Number > 0)
        .Concat([(Name: "IOT", Number: 6), (Name: "POLL", Number: 29)])
        .ToDictionary(n => n.Name, n => n.Number, StringComparer.Ordinal);

    /// <summary>Reads a signal; on failure <paramref name="error"/> names the value and says what is accepted.</summary>
    public static bool TryParse(string? text, out UnixSignal signal, out string error)
    {
        signal = default;
        error = "";
        var trimmed = text?.Trim() ?? "";
        var upper = trimmed.ToUpperInvariant();
        var bare = upper.StartsWith("SIG", StringComparison.Ordinal) ? upper[3..] : upper;
        var known = int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number is >= 1 and <= HighestSignal
            : Numbers.TryGetValue(bare, out number);
        if (!known)
        {
            error = $"'{text}' is not a signal; use a name like SIGTERM or TERM, or a number 1-{HighestSignal}";
            return false;
        }
        signal = FromNumber(number);
        return true;
    }

    /// <summary>The signal with <paramref name="number"/>, named canonically when it has a name.</summary>
    public static UnixSignal FromNumber(int number) =>
        new(number, number > 0 && number < CanonicalNames.Length
            ? "SIG" + CanonicalNames[number]
            : number.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override string ToString() => Name;
}
