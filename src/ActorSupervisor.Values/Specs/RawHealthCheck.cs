using System.Text.Json.Serialization;

namespace ActorSupervisor.Values.Specs;

/// <summary>
/// A health check in Docker's form, with durations as text such as <c>30s</c> or <c>1m30s</c>; null takes
/// the default (interval 30s, timeout 30s, retries 3, startPeriod 0s, startInterval 5s). A JSON number is
/// refused (except 0): Docker's API would read it as nanoseconds, people mean seconds (see <see cref="SpecNumbers.Duration"/>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RawHealthCheck
{
    /// <summary><c>["CMD", "prog", "arg"]</c>, <c>["CMD-SHELL", "script"]</c>, <c>["HTTP", "http://127.0.0.1:8080/healthz"]</c>, <c>["TCP", "127.0.0.1:5432"]</c> or <c>["NONE"]</c> (see <see cref="HealthTest"/>).</summary>
    public IReadOnlyList<string>? Test { get; init; }

    /// <summary>e.g. <c>30s</c>; 0 or missing: 30 s.</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? Interval { get; init; }

    /// <summary>e.g. <c>5s</c>; 0 or missing: 30 s.</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? Timeout { get; init; }

    /// <summary>0 or missing: 3.</summary>
    public int? Retries { get; init; }

    /// <summary>e.g. <c>1m</c>; missing: 0.</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? StartPeriod { get; init; }

    /// <summary>e.g. <c>1s</c>; 0 or missing: 5 s.</summary>
    [JsonConverter(typeof(SpecNumbers.Duration))]
    public string? StartInterval { get; init; }

    /// <summary>Exit code 2 means "still starting" (the seed's meaning; off as in Docker).</summary>
    public bool? Exit2MeansStarting { get; init; }
}
