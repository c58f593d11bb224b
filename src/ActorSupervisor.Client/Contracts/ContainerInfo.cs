using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client.Contracts;

/// <summary>Everything about one container: the answer to inspect, create, and every lifecycle command.</summary>
public sealed record ContainerInfo
{
    /// <summary>The container's id: lowercase hex, 64 characters; clients show the first 12.</summary>
    public required string Id { get; init; }

    /// <summary>The container's name.</summary>
    public required string Name { get; init; }

    /// <summary>The id of the node that owns it now.</summary>
    public required string Node { get; init; }

    /// <summary>The spec it was created from, echoed in canonical form (memory in bytes, durations like <c>1m30s</c>).</summary>
    public required RawContainerSpec Spec { get; init; }

    /// <summary>One of <see cref="ContainerStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>Restarts made by the restart policy since the last explicit start.</summary>
    public int RestartCount { get; init; }

    /// <summary>The last exit code, or null if it never exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>True when the last exit was caused by the memory limit.</summary>
    public bool OomKilled { get; init; }

    /// <summary>The last error the runtime or the supervisor reported (start failure, gave-up reason), or null.</summary>
    public string? Error { get; init; }

    /// <summary>Health, or null when the container has no health check.</summary>
    public HealthInfo? Health { get; init; }

    /// <summary>Readiness (<c>ready</c>, <c>not_ready</c> or <c>starting</c>), or null without a readiness probe. Gates nothing.</summary>
    public HealthInfo? Readiness { get; init; }

    /// <summary>The workload's process id while it runs, or null.</summary>
    public int? Pid { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its workload last started, or null if never.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When its workload last exited, or null if never.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the pending restart is due, while <see cref="State"/> is <c>restarting</c>.</summary>
    public DateTimeOffset? NextRestartAt { get; init; }

    /// <summary>True after a manual stop or kill, until the next manual start (Docker's rule for <c>unless-stopped</c>).</summary>
    public bool ManuallyStopped { get; init; }

    /// <summary>Docker's <c>HostConfig</c>, as far as this node has its settings: the log driver and its options.</summary>
    public HostConfigInfo HostConfig { get; init; } = new();
}

/// <summary>The part of Docker's <c>HostConfig</c> this node has.</summary>
public sealed record HostConfigInfo
{
    /// <summary>Docker's <c>HostConfig.LogConfig</c>.</summary>
    public LogConfigInfo LogConfig { get; init; } = new();
}

/// <summary>Docker's <c>LogConfig</c>: the driver whose option names these are, and the options the container was given.</summary>
public sealed record LogConfigInfo
{
    /// <summary>The driver whose options these are: <c>json-file</c>.</summary>
    public string Type { get; init; } = ActorSupervisor.Values.LogOptions.Driver;

    /// <summary>The container's own options (<c>max-size</c>, <c>max-file</c>); one missing is the node's default.</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    /// <summary>Equal by value, the options included (a record compares a dictionary by reference).</summary>
    public bool Equals(LogConfigInfo? other) =>
        other is not null && Type == other.Type && Config.Count == other.Config.Count
        && Config.All(option => other.Config.TryGetValue(option.Key, out var value) && value == option.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Config.Count);
}
