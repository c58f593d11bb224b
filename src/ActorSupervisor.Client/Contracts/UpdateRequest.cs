using System.Text.Json.Serialization;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client.Contracts;

/// <summary>
/// The body of <c>POST /api/v1/containers/{nameOrId}/update</c>: what may change without recreating. Each field given
/// replaces the container's, each missing one stays; the notations are those of a create.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateRequest
{
    /// <summary>The new restart policy: <c>no</c>, <c>always</c>, <c>unless-stopped</c> or <c>on-failure[:max-retries]</c>; applies to the next exit.</summary>
    public string? Restart { get; init; }

    /// <summary>The new memory limit (<c>64m</c>, <c>1g</c>, or bytes); a running workload gets it now, without a restart.</summary>
    [JsonConverter(typeof(SpecNumbers.Bytes))]
    public string? Memory { get; init; }

    /// <summary>Health check settings to change (test, interval, timeout, retries, startPeriod, startInterval); they apply from the next probe.</summary>
    public RawHealthCheck? Healthcheck { get; init; }

    /// <summary>Readiness probe settings to change, in the health check's form (<c>["NONE"]</c> removes it); they apply from the next probe.</summary>
    public RawHealthCheck? Readiness { get; init; }
}
