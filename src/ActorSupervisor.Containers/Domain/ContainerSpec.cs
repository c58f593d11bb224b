using System.Text.Json.Serialization;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Containers.Domain;

/// <summary>Which runtime runs a container's workload.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuntimeKind>))]
public enum RuntimeKind
{
    /// <summary>A Linux process in its own process group (the embedded default).</summary>
    Process,
    /// <summary>A Docker container through the Docker Engine API.</summary>
    Docker,
    /// <summary>A scripted, deterministic stand-in for tests and density benchmarks.</summary>
    Fake,
}

/// <summary>
/// What to run and how: Docker's two command forms. The exec form runs the program directly with its
/// arguments; the shell form runs the string through <c>/bin/sh -c</c>.
/// </summary>
/// <param name="Arguments">For the exec form, the program and its arguments; for the shell form, one element: the script.</param>
/// <param name="IsShell">True for the shell form.</param>
public sealed record CommandLine(IReadOnlyList<string> Arguments, bool IsShell)
{
    /// <summary>The exec form: <c>["prog", "arg1", ...]</c>.</summary>
    public static CommandLine Exec(params string[] arguments) => new(arguments, false);

    /// <summary>The shell form: <c>"prog arg1 | other"</c> run by <c>/bin/sh -c</c>.</summary>
    public static CommandLine Shell(string script) => new([script], true);

    /// <summary>The argv to execute: the exec form as given, the shell form as <c>/bin/sh -c script</c>.</summary>
    public IReadOnlyList<string> ToArgv() => IsShell ? ["/bin/sh", "-c", Arguments[0]] : Arguments;

    /// <summary>As a user would type it.</summary>
    public override string ToString() => IsShell ? Arguments[0] : string.Join(' ', Arguments);

    /// <inheritdoc />
    public bool Equals(CommandLine? other) =>
        other is not null && IsShell == other.IsShell && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsShell, Arguments.Count, Arguments.Count > 0 ? Arguments[0] : null);
}

/// <summary>
/// Everything a container is created from: the workload, its limits, its restart policy and its health check.
/// </summary>
public sealed record ContainerSpec
{
    // Most specs set no variables or labels: they share one empty map rather than hold two empty dictionaries each
    // (~200 bytes per container, measured with dumpheap at 10,000 containers).
    private static readonly IReadOnlyDictionary<string, string> NoEntries = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
    private readonly IReadOnlyDictionary<string, string> _env = NoEntries;
    private readonly IReadOnlyDictionary<string, string> _labels = NoEntries;

    /// <summary>The container's name; Docker's rule: <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c> (at least two characters).</summary>
    public required string Name { get; init; }

    /// <summary>Which runtime runs it.</summary>
    public RuntimeKind Runtime { get; init; } = RuntimeKind.Process;

    /// <summary>The image, for the Docker runtime; ignored by the process runtime.</summary>
    public string? Image { get; init; }

    /// <summary>The command to run. Required for the process runtime; for Docker, null means the image's default.</summary>
    public CommandLine? Command { get; init; }

    /// <summary>Environment variables added to the workload's environment.</summary>
    public IReadOnlyDictionary<string, string> Env { get => _env; init => _env = SharedIfEmpty(value); }

    /// <summary>The working directory, or null for the runtime's default.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The user (name or uid, optionally <c>user:group</c>) to run as, or null for the node's own.</summary>
    public string? User { get; init; }

    /// <summary>Free-form labels, for filters and for operators.</summary>
    public IReadOnlyDictionary<string, string> Labels { get => _labels; init => _labels = SharedIfEmpty(value); }

    private static IReadOnlyDictionary<string, string> SharedIfEmpty(IReadOnlyDictionary<string, string>? map) => map is null or { Count: 0 } ? NoEntries : map;

    /// <summary>The memory limit in bytes, or null for none.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The size past which the container's log file is rotated (<c>--log-opt max-size</c>), or null for the node's default.</summary>
    public long? LogMaxBytes { get; init; }

    /// <summary>How many log files the container keeps, the current one included (<c>--log-opt max-file</c>), or null for the node's default.</summary>
    public int? LogMaxFiles { get; init; }

    /// <summary>The signal that asks the workload to stop (Docker's default: SIGTERM).</summary>
    public string StopSignal { get; init; } = "SIGTERM";

    /// <summary>How long a stop waits after the stop signal before SIGKILL (Docker's default on Linux: 10 s).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>When the container is restarted after its workload exits (Docker's <c>--restart</c>; default <c>no</c>).</summary>
    public RestartPolicy Restart { get; init; } = RestartPolicy.No;

    /// <summary>The delays between policy restarts (Docker's by default).</summary>
    public Backoff Backoff { get; init; } = Backoff.Default;

    /// <summary>The give-up limit on restarts (OTP's intensity), or null for none (Docker's behaviour).</summary>
    public RestartIntensity? Intensity { get; init; }

    /// <summary>Restart on unhealthy (Nomad's check_restart), or null for never (Docker's behaviour).</summary>
    public UnhealthyRestart? RestartOnUnhealthy { get; init; }

    /// <summary>The health check, or null for none.</summary>
    public HealthCheck? HealthCheck { get; init; }

    /// <summary>
    /// The readiness probe (Kubernetes' readinessProbe), or null for none: the same forms, timing and rules as the
    /// health check; its result is reported (ready or not ready) and gates nothing: no restart, no traffic.
    /// </summary>
    public HealthCheck? Readiness { get; init; }
}
