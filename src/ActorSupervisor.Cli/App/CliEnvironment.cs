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

    /// <summary>The terminal's width in columns, when <see cref="OutputIsTerminal"/>.</summary>
    public int TerminalWidth { get; init; } = 80;

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
        TerminalWidth = Console.IsOutputRedirected ? 80 : Math.Max(40, Console.WindowWidth),
        Variables = Environment.GetEnvironmentVariable,
    };
}
