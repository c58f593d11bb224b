namespace ActorSupervisor.Containers.Domain.Restarts;

/// <summary>
/// Restart on unhealthy (an option, off by default; Docker never does this outside Swarm), as Nomad's
/// <c>check_restart</c>: after <see cref="Limit"/> failed probes in a row the workload is stopped, and its
/// exit goes through the restart policy. Probes that start within <see cref="Grace"/> of the start do not
/// count; one passing probe resets the count.
/// </summary>
/// <param name="Limit">Failed probes in a row that trigger a restart; at least 1.</param>
/// <param name="Grace">How long after a start failures are ignored (Nomad's default: 1 s).</param>
public sealed record UnhealthyRestart(int Limit, TimeSpan Grace)
{
    /// <summary>Nomad's default grace.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The failure count after a probe that started at <paramref name="probeStart"/>: a pass resets it, a
    /// failure after the grace adds one, anything else leaves it.
    /// </summary>
    public int Count(int failures, bool passed, bool failed, DateTimeOffset startedAt, DateTimeOffset probeStart) =>
        passed ? 0 : failed && probeStart - startedAt >= Grace ? failures + 1 : failures;

    /// <summary>Whether <paramref name="failures"/> in a row call for a restart.</summary>
    public bool ShouldRestart(int failures) => failures >= Limit;
}
