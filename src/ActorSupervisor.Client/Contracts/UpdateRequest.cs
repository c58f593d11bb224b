using System.Text.Json.Serialization;

namespace ActorSupervisor.Client.Contracts;

/// <summary>The body of <c>POST /api/v1/containers/{nameOrId}/update</c>: what may change without recreating.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateRequest
{
    /// <summary>The new restart policy: <c>no</c>, <c>always</c>, <c>unless-stopped</c> or <c>on-failure[:max-retries]</c>.</summary>
    public string? Restart { get; init; }
}
