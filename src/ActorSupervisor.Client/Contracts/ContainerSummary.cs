namespace ActorSupervisor.Client.Contracts;

/// <summary>One row of <c>GET /api/v1/containers</c>: what <c>ps</c> shows, without the full spec and health log.</summary>
public sealed record ContainerSummary
{
    /// <summary>The container's id (64 hex characters).</summary>
    public required string Id { get; init; }

    /// <summary>The container's name.</summary>
    public required string Name { get; init; }

    /// <summary><c>process</c>, <c>docker</c> or <c>fake</c>.</summary>
    public required string Runtime { get; init; }

    /// <summary>The image, for the docker runtime.</summary>
    public string? Image { get; init; }

    /// <summary>The command as a user would type it (exec form joined by spaces, or the shell script).</summary>
    public string? Command { get; init; }

    /// <summary>One of <see cref="ContainerStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>One of <see cref="HealthStatuses"/> (not <c>none</c>), or null without a health check.</summary>
    public string? Health { get; init; }

    /// <summary>One of <see cref="ReadinessStatuses"/>, or null without a readiness probe.</summary>
    public string? Readiness { get; init; }

    /// <summary>The restart policy in canonical form: <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure:5</c>.</summary>
    public required string Restart { get; init; }

    /// <summary>Restarts made by the restart policy since the last explicit start.</summary>
    public int RestartCount { get; init; }

    /// <summary>The last exit code, or null if it never exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The workload's process id while it runs.</summary>
    public int? Pid { get; init; }

    /// <summary>The id of the node that owns it.</summary>
    public required string Node { get; init; }

    /// <summary>Its labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its workload last started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When its workload last exited.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
