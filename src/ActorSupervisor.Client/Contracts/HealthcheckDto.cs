using System.Text.Json.Serialization;

namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// A health check in Docker's form. Durations are strings such as <c>30s</c> or <c>1m30s</c>; null takes
/// the default (interval 30s, timeout 30s, retries 3, startPeriod 0s, startInterval 5s).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record HealthcheckDto
{
    /// <summary><c>["CMD", prog, args...]</c>, <c>["CMD-SHELL", script]</c> or <c>["NONE"]</c> (disables an inherited check).</summary>
    public IReadOnlyList<string>? Test { get; init; }

    /// <summary>Time between probes once the start period is over.</summary>
    public string? Interval { get; init; }

    /// <summary>How long one probe may run before it counts as failed.</summary>
    public string? Timeout { get; init; }

    /// <summary>Consecutive failures that make the container unhealthy.</summary>
    public int? Retries { get; init; }

    /// <summary>Grace time after start during which failures do not count.</summary>
    public string? StartPeriod { get; init; }

    /// <summary>Time between probes during the start period.</summary>
    public string? StartInterval { get; init; }
}
