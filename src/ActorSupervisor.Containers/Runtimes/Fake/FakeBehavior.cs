namespace ActorSupervisor.Containers.Runtimes.Fake;

/// <summary>
/// What a fake workload does, scripted per container: when it exits and how, whether it runs out of memory,
/// ignores its stop signal, or fails its probes. The default runs until it is stopped and passes every probe.
/// </summary>
public sealed record FakeBehavior
{
    /// <summary>The workload exits by itself this long after it started; null: it runs until stopped.</summary>
    public TimeSpan? ExitAfter { get; init; }

    /// <summary>The exit code when it exits by itself.</summary>
    public int ExitCode { get; init; }

    /// <summary>The workload is OOM-killed this long after it started (an OOM signal, then exit 137 with oomKilled).</summary>
    public TimeSpan? OomAfter { get; init; }

    /// <summary>It ignores every signal but SIGKILL, so a stop waits for the whole stop timeout.</summary>
    public bool HangOnStop { get; init; }

    /// <summary>The start fails with this message (as Docker's "no such image" would).</summary>
    public string? StartFailure { get; init; }

    /// <summary>The exit code every probe returns.</summary>
    public int ProbeExitCode { get; init; }

    /// <summary>The output every probe returns (capped at 4096 bytes like a real one).</summary>
    public string ProbeOutput { get; init; } = "";

    /// <summary>Probes hang until their timeout.</summary>
    public bool ProbeHangs { get; init; }

    /// <summary>Lines the workload writes to stdout when it starts.</summary>
    public IReadOnlyList<string> Output { get; init; } = [];

    /// <summary>Runs until stopped, passes every probe.</summary>
    public static FakeBehavior RunForever { get; } = new();

    /// <summary>Exits with <paramref name="code"/> after <paramref name="after"/>.</summary>
    public static FakeBehavior Exits(int code, TimeSpan after) => new() { ExitCode = code, ExitAfter = after };

    /// <summary>Checks the values; the message names the bad one.</summary>
    /// <exception cref="ArgumentException">A negative time or an exit code outside 0-255.</exception>
    public void Validate()
    {
        if (ExitAfter < TimeSpan.Zero || OomAfter < TimeSpan.Zero)
        {
            throw new ArgumentException("ExitAfter and OomAfter must not be negative");
        }
        if (ExitCode is < 0 or > 255)
        {
            throw new ArgumentException($"exit code {ExitCode} is outside 0-255");
        }
    }
}
