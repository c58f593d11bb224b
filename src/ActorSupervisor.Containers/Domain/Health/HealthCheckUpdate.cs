namespace ActorSupervisor.Containers.Domain.Health;

/// <summary>
/// A change to a container's health check made by <c>update</c> (Docker cannot; we can): each field given replaces
/// the check's, each left null keeps it. The change applies from the next probe schedule, without a restart.
/// </summary>
public sealed record HealthCheckUpdate
{
    /// <summary>A check whose probe (its command, HTTP GET or TCP connect) replaces the current one's, or null to keep that.</summary>
    public HealthCheck? Probe { get; init; }

    /// <summary>Turns probes off (Docker's <c>NONE</c>); wins over <see cref="Probe"/>.</summary>
    public bool Disable { get; init; }

    /// <summary>A new interval, or null to keep it.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>A new timeout, or null to keep it.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A new number of failures in a row that make it unhealthy, or null to keep it.</summary>
    public int? Retries { get; init; }

    /// <summary>A new start period, or null to keep it.</summary>
    public TimeSpan? StartPeriod { get; init; }

    /// <summary>A new start interval, or null to keep it.</summary>
    public TimeSpan? StartInterval { get; init; }

    /// <summary>Whether it changes nothing.</summary>
    public bool IsEmpty => Probe is null && !Disable && Interval is null && Timeout is null && Retries is null
        && StartPeriod is null && StartInterval is null;

    /// <summary>Whether it changes only timing or retries (so it needs a probe to apply to).</summary>
    public bool OnlyTiming => Probe is null && !Disable && !IsEmpty;

    /// <summary>The check after the change; a container without a check starts from Docker's defaults.</summary>
    public HealthCheck ApplyTo(HealthCheck? current)
    {
        var check = current ?? new HealthCheck();
        var probe = Disable ? new HealthCheck { Test = null } : Probe ?? check;
        return check with
        {
            Test = probe.Test,
            HttpGet = probe.HttpGet,
            TcpConnect = probe.TcpConnect,
            Interval = Interval ?? check.Interval,
            Timeout = Timeout ?? check.Timeout,
            Retries = Retries ?? check.Retries,
            StartPeriod = StartPeriod ?? check.StartPeriod,
            StartInterval = StartInterval ?? check.StartInterval,
        };
    }
}
