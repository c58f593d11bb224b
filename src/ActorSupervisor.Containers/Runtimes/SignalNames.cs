namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// Linux signal names and numbers as operators write them (<c>SIGTERM</c>, <c>TERM</c>, <c>15</c>), and the exit
/// codes Docker reports for a signalled workload (128 + the signal's number).
/// </summary>
public static class SignalNames
{
    private static readonly (string Name, int Number)[] Table =
    [
        ("SIGHUP", 1), ("SIGINT", 2), ("SIGQUIT", 3), ("SIGILL", 4), ("SIGTRAP", 5), ("SIGABRT", 6), ("SIGBUS", 7),
        ("SIGFPE", 8), ("SIGKILL", 9), ("SIGUSR1", 10), ("SIGSEGV", 11), ("SIGUSR2", 12), ("SIGPIPE", 13),
        ("SIGALRM", 14), ("SIGTERM", 15), ("SIGSTKFLT", 16), ("SIGCHLD", 17), ("SIGCONT", 18), ("SIGSTOP", 19),
        ("SIGTSTP", 20), ("SIGTTIN", 21), ("SIGTTOU", 22), ("SIGURG", 23), ("SIGXCPU", 24), ("SIGXFSZ", 25),
        ("SIGVTALRM", 26), ("SIGPROF", 27), ("SIGWINCH", 28), ("SIGIO", 29), ("SIGPWR", 30), ("SIGSYS", 31),
    ];

    /// <summary>SIGKILL's number.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM's number.</summary>
    public const int Term = 15;

    /// <summary>SIGSTOP's number.</summary>
    public const int Stop = 19;

    /// <summary>SIGCONT's number.</summary>
    public const int Continue = 18;

    /// <summary>
    /// The number of <paramref name="signal"/>: a name with or without the <c>SIG</c> prefix in any case, or a
    /// number from 1 to 64 (real-time signals included), bare or as <c>SIG34</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Not a Linux signal; the message names the value.</exception>
    public static int ToNumber(string signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var text = signal.Trim();
        var bare = text.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
        if (int.TryParse(bare, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 1 and <= 64
                ? number
                : throw new ArgumentException($"signal '{signal}' is out of range: Linux signals are numbered 1 to 64", nameof(signal));
        }
        var name = "SIG" + bare.ToUpperInvariant();
        foreach (var (known, value) in Table)
        {
            if (known == name)
            {
                return value;
            }
        }
        throw new ArgumentException($"unknown signal '{signal}': use a name such as SIGTERM, TERM or KILL, or a number from 1 to 64", nameof(signal));
    }

    /// <summary>The canonical name of <paramref name="number"/> (<c>SIGTERM</c>), or <c>SIG</c> and the number for real-time signals.</summary>
    public static string ToName(int number)
    {
        foreach (var (name, value) in Table)
        {
            if (value == number)
            {
                return name;
            }
        }
        return FormattableString.Invariant($"SIG{number}");
    }

    /// <summary>The canonical name of <paramref name="signal"/> in any accepted spelling.</summary>
    /// <exception cref="ArgumentException">Not a Linux signal.</exception>
    public static string Normalize(string signal) => ToName(ToNumber(signal));

    /// <summary>The exit code Docker reports for a workload killed by signal <paramref name="number"/>: 128 + the number.</summary>
    public static int ExitCodeFor(int number) => 128 + number;
}
