using System.Text.Json.Serialization;

namespace ActorSupervisor.Values.Specs;

/// <summary>Restart on unhealthy as a user writes it (Nomad's <c>check_restart</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RawUnhealthyRestart
{
    /// <summary>Failed probes in a row that restart the container; at least 1.</summary>
    public int? Limit { get; init; }

    /// <summary>Failures this soon after a start do not count, e.g. <c>10s</c>; missing: 1 s.</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? Grace { get; init; }
}
