using System.Text.Json.Serialization;

namespace ActorSupervisor.Values.Specs;

/// <summary>The give-up limit as a user writes it: more than <see cref="MaxRestarts"/> within <see cref="Window"/>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RawIntensity
{
    /// <summary>Restarts allowed within the window.</summary>
    public int? MaxRestarts { get; init; }

    /// <summary>The window, e.g. <c>1m</c>.</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? Window { get; init; }
}
