using ActorSupervisor.Client;

namespace ActorSupervisor.Cli.App;

/// <summary>Everything <c>asv</c> takes from the process around it, replaceable in tests.</summary>
internal sealed record CliEnvironment
{
    /// <summary>Where results go (stdout).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Where errors go (stderr).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when stdout is a terminal: colour, spinners and fitted tables only then.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>
    /// The terminal's width in columns, when <see cref="OutputIsTerminal"/> and known; null (or 0, as a pty
    /// without a size reports) means unknown, and then nothing is cut: rows print whole, as off a terminal.
    /// </summary>
    public int? TerminalWidth
    {
        get => terminalWidth;
        init => terminalWidth = value is > 0 ? value : null;
    }

    private readonly int? terminalWidth = 80;

    /// <summary>Reads an environment variable.</summary>
    public required Func<string, string?> Variables { get; init; }

    /// <summary>The clock, for relative times in tables.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Makes the client for one invocation.</summary>
    public Func<GlobalSettings, IActorSupervisorClient> ClientFactory { get; init; } =
        settings => new ActorSupervisorClient(settings.Node, settings.Token);

    /// <summary>Colour only on a terminal and only when NO_COLOR is unset or empty (no-color.org).</summary>
    public bool UseColour => OutputIsTerminal && string.IsNullOrEmpty(Variables("NO_COLOR"));

    /// <summary>The real process: the console and its environment variables.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OutputIsTerminal = !Console.IsOutputRedirected,
        TerminalWidth = Console.IsOutputRedirected ? null : DetectWidth(() => Console.WindowWidth, Environment.GetEnvironmentVariable),
        Variables = Environment.GetEnvironmentVariable,
    };

    /// <summary>
    /// The terminal's width: what the terminal reports, else a positive <c>COLUMNS</c>, else unknown (null).
    /// A pty with no size set reports 0 columns; that is unknown, not zero.
    /// </summary>
    public static int? DetectWidth(Func<int> windowWidth, Func<string, string?> variables)
    {
        try
        {
            if (windowWidth() is > 0 and var width) return width;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            // No terminal to ask: fall back to COLUMNS.
        }
        return int.TryParse(variables("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns)
            && columns > 0 ? columns : null;
    }
}
