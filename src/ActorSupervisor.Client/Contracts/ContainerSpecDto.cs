using System.Text.Json.Serialization;

namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// A container's specification in the form people type it, for <c>POST /api/v1/containers</c> and spec files.
/// Values stay strings where units matter (<c>"512m"</c>, <c>"10s"</c>, <c>"on-failure:5"</c>); the node
/// validates them and answers 400 with one detail per bad field. Unknown fields are refused, so a typo is
/// an error instead of a silently ignored setting.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ContainerSpecDto
{
    /// <summary>The container's name, unique on the node; Docker's rule <c>[a-zA-Z0-9][a-zA-Z0-9_.-]*</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>process</c> (default), <c>docker</c> or <c>fake</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary>The image, for the <c>docker</c> runtime.</summary>
    public string? Image { get; init; }

    /// <summary>The exec form: program and arguments, run without a shell. Give this or <see cref="Cmd"/>, not both.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The shell form: a script run by <c>/bin/sh -c</c>. Give this or <see cref="Command"/>, not both.</summary>
    public string? Cmd { get; init; }

    /// <summary>Environment variables added to the workload's environment.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The working directory.</summary>
    public string? Workdir { get; init; }

    /// <summary>The user to run as: name or uid, optionally <c>user:group</c>.</summary>
    public string? User { get; init; }

    /// <summary>Free-form labels, matched by <c>filter=label=k=v</c>.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Memory limit with Docker's units: <c>b</c>, <c>k</c>, <c>m</c>, <c>g</c> (powers of 1024), or plain bytes.</summary>
    public string? Memory { get; init; }

    /// <summary>The signal that asks the workload to stop, default <c>SIGTERM</c>.</summary>
    public string? StopSignal { get; init; }

    /// <summary>How long a stop waits before SIGKILL, a duration such as <c>10s</c> (the default).</summary>
    public string? StopTimeout { get; init; }

    /// <summary><c>no</c> (default), <c>always</c>, <c>unless-stopped</c> or <c>on-failure[:max-retries]</c>.</summary>
    public string? Restart { get; init; }

    /// <summary>The health check, or null for none.</summary>
    public HealthcheckDto? Healthcheck { get; init; }
}
