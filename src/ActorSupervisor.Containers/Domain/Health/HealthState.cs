namespace ActorSupervisor.Containers.Domain.Health;

/// <summary>A container's health as <c>inspect</c> shows it (Docker's State.Health).</summary>
/// <param name="Status">Starting, healthy or unhealthy.</param>
/// <param name="FailingStreak">Failures in a row that counted.</param>
/// <param name="Log">The last results, oldest first, at most 5.</param>
public sealed record HealthState(HealthStatus Status, int FailingStreak, IReadOnlyList<HealthLogEntry> Log)
{
    /// <summary>What a start arms: starting, no failures, no log.</summary>
    public static HealthState Starting() => new(HealthStatus.Starting, 0, []);
}
