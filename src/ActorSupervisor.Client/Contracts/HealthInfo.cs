namespace ActorSupervisor.Client.Contracts;

/// <summary>A container's health (present only when it has a health check), or its readiness (only with a readiness probe).</summary>
/// <param name="Status">One of <see cref="HealthStatuses"/>; for readiness one of <see cref="ReadinessStatuses"/>.</param>
/// <param name="FailingStreak">Consecutive failed probes counted so far.</param>
/// <param name="Log">The last 5 probe results, oldest first.</param>
public sealed record HealthInfo(string Status, int FailingStreak, IReadOnlyList<HealthProbeResult> Log);
