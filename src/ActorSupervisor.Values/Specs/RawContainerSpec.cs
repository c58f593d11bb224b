using System.Text.Json.Serialization;

namespace ActorSupervisor.Values.Specs;

/// <summary>
/// A container's specification exactly as people write it: the body of <c>POST /api/v1/containers</c>
/// (JSON, camelCase), a spec file, or a node's <c>actor-supervisor.containers</c> declaration (HOCON,
/// kebab or camel case). Values stay strings where units matter (<c>"512m"</c>, <c>"10s"</c>,
/// <c>"on-failure:5"</c>); the node's domain parser turns them into a spec or into one error per bad field.
/// Unknown JSON fields are refused, so a typo is an error instead of a silently ignored setting.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RawContainerSpec
{
    /// <summary>The container's name, unique on the node; Docker's rule <c>[a-zA-Z0-9][a-zA-Z0-9_.-]*</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>process</c> (default), <c>docker</c> or <c>fake</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary>The image, for the Docker runtime.</summary>
    public string? Image { get; init; }

    /// <summary>The exec form: program and arguments, run without a shell. Give this or <see cref="Cmd"/>, not both.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The shell form: a script run by <c>/bin/sh -c</c>. Give this or <see cref="Command"/>, not both.</summary>
    public string? Cmd { get; init; }

    /// <summary>Environment variables added to the workload's environment.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The working directory, an absolute path.</summary>
    public string? Workdir { get; init; }

    /// <summary>The user (name or uid, optionally <c>user:group</c>).</summary>
    public string? User { get; init; }

    /// <summary>Free-form labels, matched by <c>filter=label=k=v</c>.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Memory limit with Docker's units: <c>b</c>, <c>k</c>, <c>m</c>, <c>g</c> (powers of 1024), or plain bytes (in JSON also a number); 0 or missing: none.</summary>
    [JsonConverter(typeof(SpecNumbers.Bytes))]
    public string? Memory { get; init; }

    /// <summary>
    /// Log settings, Docker's json-file options: <c>max-size</c> (with a unit, e.g. <c>10m</c>) and <c>max-file</c> (e.g.
    /// <c>3</c>); one missing is the node's default (<c>runtimes.process.log-max-size</c>, <c>log-max-file</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? LogOptions { get; init; }

    /// <summary>The signal that asks the workload to stop, e.g. <c>SIGTERM</c> (the default), <c>TERM</c>, <c>15</c>.</summary>
    public string? StopSignal { get; init; }

    /// <summary>How long a stop waits before SIGKILL: a duration such as <c>10s</c> (the default), or whole seconds as Docker's <c>--stop-timeout</c> (in JSON also a number of seconds).</summary>
    [JsonConverter(typeof(SpecNumbers.Seconds))]
    public string? StopTimeout { get; init; }

    /// <summary>Restart policy: <c>no</c>, <c>always</c>, <c>unless-stopped</c> or <c>on-failure[:max-retries]</c>; missing: the node's default.</summary>
    public string? Restart { get; init; }

    /// <summary>The health check, or null for none.</summary>
    public RawHealthCheck? Healthcheck { get; init; }

    /// <summary>The readiness probe, in the health check's form, or null for none: reported, gates nothing.</summary>
    public RawHealthCheck? Readiness { get; init; }

    /// <summary>How restart delays grow, or null for the node's default (Docker's: 100ms doubling up to 1m, reset by 10s of running).</summary>
    public RawBackoff? Backoff { get; init; }

    /// <summary>The give-up limit (off when missing).</summary>
    public RawIntensity? Intensity { get; init; }

    /// <summary>Restart on unhealthy (off when missing).</summary>
    public RawUnhealthyRestart? RestartOnUnhealthy { get; init; }
}
