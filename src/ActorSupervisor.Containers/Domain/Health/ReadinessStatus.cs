using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Health;

/// <summary>
/// A container's readiness (Kubernetes' Ready condition). The readiness probe runs Docker's health state machine
/// (<see cref="HealthMonitor"/>); this is how its three states read: starting, ready (healthy) and not ready
/// (unhealthy: <c>retries</c> failures in a row, or paused).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReadinessStatus>))]
public enum ReadinessStatus
{
    /// <summary>Started, no passing probe yet.</summary>
    Starting,
    /// <summary>The last probe passed.</summary>
    Ready,
    /// <summary>At least <c>retries</c> probes in a row failed, or the container is paused.</summary>
    NotReady,
}

/// <summary>The one mapping between the probe state machine's states and readiness's names for them.</summary>
public static class ReadinessRule
{
    /// <summary>The readiness of a probe state.</summary>
    public static ReadinessStatus Of(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => ReadinessStatus.Ready,
        HealthStatus.Unhealthy => ReadinessStatus.NotReady,
        _ => ReadinessStatus.Starting,
    };

    /// <summary>The probe state of a readiness.</summary>
    public static HealthStatus ToProbeStatus(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => HealthStatus.Healthy,
        ReadinessStatus.NotReady => HealthStatus.Unhealthy,
        _ => HealthStatus.Starting,
    };
}
