using ActorSupervisor.Values;
using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Health;

/// <summary>
/// A container's health check, Docker's <c>HEALTHCHECK</c>: a probe and its timing. The probe is a command run
/// in the container (Docker's), or an HTTP GET or a TCP connect made by the node (Kubernetes' httpGet and tcpSocket).
/// Defaults are Docker's: interval 30 s, timeout 30 s, retries 3, start period 0, start interval 5 s.
/// </summary>
public sealed record HealthCheck
{
    /// <summary>Docker's default interval and timeout.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    /// <summary>Docker's default start interval.</summary>
    public static readonly TimeSpan DefaultStartInterval = TimeSpan.FromSeconds(5);

    /// <summary>Docker's default retries.</summary>
    public const int DefaultRetries = 3;

    /// <summary>The command probe: <c>CMD</c> runs the exec form, <c>CMD-SHELL</c> the shell form. Null for another probe or <c>NONE</c>.</summary>
    public CommandLine? Test { get; init; }

    /// <summary>The <c>HTTP</c> probe: a GET of this URL from the node passes with a status of 200–399.</summary>
    public Uri? HttpGet { get; init; }

    /// <summary>The <c>TCP</c> probe: a connection to this host and port from the node passes once it opens.</summary>
    public TcpTarget? TcpConnect { get; init; }

    /// <summary>Time from the end of one probe to the start of the next, and before the first.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>A probe running longer is killed and counts as a failure.</summary>
    public TimeSpan Timeout { get; init; } = DefaultInterval;

    /// <summary>Failures in a row that make the container unhealthy.</summary>
    public int Retries { get; init; } = DefaultRetries;

    /// <summary>While starting within this period after a start, failures do not count.</summary>
    public TimeSpan StartPeriod { get; init; } = TimeSpan.Zero;

    /// <summary>The probe interval while starting within the start period.</summary>
    public TimeSpan StartInterval { get; init; } = DefaultStartInterval;

    /// <summary>
    /// The seed's original meaning of exit code 2 (an option; Docker since 2016 treats 2 as a failure):
    /// while starting, 2 means "still starting" and changes nothing; after that it is a failure.
    /// </summary>
    public bool Exit2MeansStarting { get; init; }

    /// <summary>Whether probes run at all.</summary>
    [JsonIgnore]
    public bool Enabled => Test is not null || HttpGet is not null || TcpConnect is not null;
}
