namespace ActorSupervisor.Client.Contracts;

/// <summary>The values of a readiness's <see cref="HealthInfo.Status"/> and of the <c>readiness_status</c> event's <c>status</c>.</summary>
public static class ReadinessStatuses
{
    /// <summary>Probing has begun but no probe has passed yet.</summary>
    public const string Starting = "starting";

    /// <summary>The last readiness probe passed.</summary>
    public const string Ready = "ready";

    /// <summary>The failing streak reached the retries, or the container is paused.</summary>
    public const string NotReady = "not_ready";
}
