namespace ActorSupervisor.Client.Contracts;

/// <summary>The values of <see cref="HealthInfo.Status"/> and of the <c>health=</c> list filter.</summary>
public static class HealthStatuses
{
    /// <summary>Probing has begun but has not decided yet.</summary>
    public const string Starting = "starting";

    /// <summary>The last probe passed.</summary>
    public const string Healthy = "healthy";

    /// <summary>The failing streak reached the retries.</summary>
    public const string Unhealthy = "unhealthy";

    /// <summary>Filter value only: containers without a health check.</summary>
    public const string None = "none";
}
