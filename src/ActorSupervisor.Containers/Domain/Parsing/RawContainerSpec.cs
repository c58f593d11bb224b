namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>
/// A container spec exactly as a user writes it in JSON or HOCON, strings unparsed. The node's API and the
/// CLI send this; <see cref="ContainerSpecParser.Parse"/> turns it into a <see cref="ContainerSpec"/> or
/// into every error found.
/// </summary>
public sealed record RawContainerSpec
{
    /// <summary>The name, Docker's rule <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>process</c> (default), <c>docker</c> or <c>fake</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary>The image, for the Docker runtime.</summary>
    public string? Image { get; init; }

    /// <summary>The exec form: program and arguments. Give this or <see cref="Cmd"/>, not both.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The shell form: a script run by <c>/bin/sh -c</c>.</summary>
    public string? Cmd { get; init; }

    /// <summary>Environment variables.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The working directory, an absolute path.</summary>
    public string? Workdir { get; init; }

    /// <summary>The user (name or uid, optionally <c>user:group</c>).</summary>
    public string? User { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Memory limit, e.g. <c>512m</c>, <c>1g</c>; 0 or missing: none.</summary>
    public string? Memory { get; init; }

    /// <summary>Stop signal, e.g. <c>SIGTERM</c>, <c>TERM</c>, <c>15</c>.</summary>
    public string? StopSignal { get; init; }

    /// <summary>Stop timeout, e.g. <c>10s</c>, or whole seconds as Docker's <c>--stop-timeout</c>.</summary>
    public string? StopTimeout { get; init; }

    /// <summary>Restart policy: <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure[:N]</c>.</summary>
    public string? Restart { get; init; }

    /// <summary>The health check.</summary>
    public RawHealthCheck? Healthcheck { get; init; }

    /// <summary>Backoff tuning.</summary>
    public RawBackoff? Backoff { get; init; }

    /// <summary>The give-up limit (off when missing).</summary>
    public RawIntensity? Intensity { get; init; }

    /// <summary>Restart on unhealthy (off when missing).</summary>
    public RawUnhealthyRestart? RestartOnUnhealthy { get; init; }
}
