using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Health;

/// <summary>Docker's health states.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    /// <summary>No health check.</summary>
    None,
    /// <summary>Started, no passing probe yet.</summary>
    Starting,
    /// <summary>The last probe passed.</summary>
    Healthy,
    /// <summary>At least <c>retries</c> probes in a row failed.</summary>
    Unhealthy,
}
