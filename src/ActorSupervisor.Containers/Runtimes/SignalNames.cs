using ActorSupervisor.Values;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// Signals as the runtimes take them: the domain's <see cref="UnixSignal"/> reading (<c>SIGTERM</c>, <c>TERM</c>,
/// <c>15</c>) as numbers, and the exit codes Docker reports for a signalled workload (128 + the signal's number).
/// </summary>
public static class SignalNames
{
    /// <summary>SIGKILL's number.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM's number.</summary>
    public const int Term = 15;

    /// <summary>SIGSTOP's number.</summary>
    public const int Stop = 19;

    /// <summary>SIGCONT's number.</summary>
    public const int Continue = 18;

    /// <summary>The number of <paramref name="signal"/>: a name with or without <c>SIG</c> in any case, or a number from 1 to 64.</summary>
    /// <exception cref="ArgumentException">Not a Linux signal; the message names the value.</exception>
    public static int ToNumber(string signal) =>
        UnixSignal.TryParse(signal, out var parsed, out var error) ? parsed.Number : throw new ArgumentException(error, nameof(signal));

    /// <summary>The canonical name of <paramref name="number"/> (<c>SIGTERM</c>), or the number as text for a signal without a name.</summary>
    public static string ToName(int number) => UnixSignal.FromNumber(number).Name;

    /// <summary>The canonical name of <paramref name="signal"/> in any accepted spelling.</summary>
    /// <exception cref="ArgumentException">Not a Linux signal.</exception>
    public static string Normalize(string signal) => ToName(ToNumber(signal));

    /// <summary>The exit code Docker reports for a workload killed by signal <paramref name="number"/>: 128 + the number.</summary>
    public static int ExitCodeFor(int number) => 128 + number;
}
