using System.Text.Json.Serialization;

namespace ActorSupervisor.Values.Specs;

/// <summary>Backoff tuning as a user writes it; missing values keep Docker's.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RawBackoff
{
    /// <summary>First delay, e.g. <c>100ms</c> (may be <c>0s</c>).</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? Initial { get; init; }

    /// <summary>Growth per restart, at least 1 (Docker: 2).</summary>
    public double? Multiplier { get; init; }

    /// <summary>Longest delay, e.g. <c>1m</c>.</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? Max { get; init; }

    /// <summary>A run this long resets the delay, e.g. <c>10s</c>.</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? ResetAfter { get; init; }

    /// <summary>Jitter factor, 0 or more (e.g. 0.2).</summary>
    public double? RandomFactor { get; init; }
}
