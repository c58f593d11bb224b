using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Health;

/// <summary>
/// Which of a container's two probes: both are <see cref="HealthCheck"/>s run by the same rules
/// (<see cref="HealthMonitor"/>); they differ only in what their result feeds.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProbeKind>))]
public enum ProbeKind
{
    /// <summary>Docker's <c>HEALTHCHECK</c>: the health, which restart on unhealthy acts on (Kubernetes' liveness).</summary>
    Health,

    /// <summary>Kubernetes' readiness: reported (ready or not ready), gates nothing.</summary>
    Readiness,
}
