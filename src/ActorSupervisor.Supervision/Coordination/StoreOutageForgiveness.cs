using Akka.Cluster;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>How one renewal of a held lease went.</summary>
public enum RenewalOutcome
{
    /// <summary>The store extended the lease: this owner still holds it at the same fencing version.</summary>
    Renewed,

    /// <summary>The store answered without it: another owner took it, or it was released.</summary>
    Refused,

    /// <summary>The store did not answer (down, restarting, unreachable, too slow): nothing is known of the lease.</summary>
    StoreUnreachable,
}

/// <summary>What the holder does with a held lease after a renewal (or after its cluster view changed during an outage).</summary>
public enum LeaseTrust
{
    /// <summary>Trusted for the lease's trust from this renewal's send.</summary>
    Renewed,

    /// <summary>The store is unreachable but the cluster view is healthy: trusted for the lease's trust from this attempt's send.</summary>
    Forgiven,

    /// <summary>Trusted only until the lease's trust runs out from its last successful renewal (usually lost at once after a long outage).</summary>
    LastRenewal,

    /// <summary>Lost now: its workloads are killed.</summary>
    Lost,
}

/// <summary>
/// What a member sees of its cluster, as <see cref="StoreOutageForgiveness"/> needs it: its own status, how many members it
/// sees unreachable, and the members of the supervisor role (the nodes) that are up and reachable out of all that are not down.
/// </summary>
/// <param name="Self">This member's status.</param>
/// <param name="Unreachable">Members this member's view marks unreachable (any role).</param>
/// <param name="SupervisorsUp">Supervisor members, this one included, that are up and not unreachable.</param>
/// <param name="Supervisors">Supervisor members that are neither down nor removed.</param>
public readonly record struct ClusterView(MemberStatus Self, int Unreachable, int SupervisorsUp, int Supervisors)
{
    /// <summary>No view (not a cluster member): never healthy.</summary>
    public static ClusterView None { get; } = new(MemberStatus.Removed, 0, 0, 0);
}

/// <summary>
/// The rule by which a node keeps its shards' leases, and with them its workloads, through an outage of the lease store
/// (PostgreSQL restarting, unreachable) while its cluster view is healthy: it is up (not joining, leaving or down), sees no
/// member unreachable, is not alone, and the supervisor members up form a majority of them. Why that is safe: while the
/// store is down nobody can acquire a lease; another node gets a shard only when the cluster downed this node, which
/// takes the others seeing it unreachable for the split-brain resolver's <c>stable-after</c>; Akka's heartbeats are
/// request and response, so a link lost either way makes each side see the other unreachable within the failure
/// detectors' asymmetry, and this node fences the moment it does (<see cref="LeaseTrust.LastRenewal"/>: the normal trust
/// counted from the last successful renewal, long past after an outage). <c>store-outage-margin</c> is that asymmetry;
/// forgiveness is on only where <c>stable-after</c> covers it (<see cref="AppliesWith"/>). Only a store that does not
/// answer is forgiven: a store that answers "not yours" ends the lease at once.
/// </summary>
public static class StoreOutageForgiveness
{
    /// <summary>Whether a member with <paramref name="view"/> may keep its leases while the store does not answer.</summary>
    public static bool Forgives(ClusterView view) =>
        view.Self == MemberStatus.Up
        && view.Unreachable == 0
        && view.Supervisors >= 2
        && view.SupervisorsUp * 2 > view.Supervisors;

    /// <summary>
    /// Whether forgiveness is on at all: the cluster downs members with the split-brain resolver, whose
    /// <paramref name="stableAfter"/> is at least <paramref name="margin"/> (the failure detectors' asymmetry it must cover).
    /// </summary>
    public static bool AppliesWith(TimeSpan? stableAfter, TimeSpan margin) => stableAfter is { } wait && margin > TimeSpan.Zero && wait >= margin;

    /// <summary>
    /// The trust of a held lease after a renewal came back with <paramref name="outcome"/>; <paramref name="trustedAtSend"/>
    /// says whether the holder still trusted it when the renewal was sent (a node frozen past its trust has been fenced:
    /// a late renewal cannot bring its workloads back), <paramref name="enabled"/> whether forgiveness is on
    /// (<see cref="AppliesWith"/>). A change of the view during an outage is judged as another unanswered renewal.
    /// </summary>
    public static LeaseTrust Judge(RenewalOutcome outcome, bool trustedAtSend, bool enabled, ClusterView view) =>
        outcome switch
        {
            _ when !trustedAtSend => LeaseTrust.Lost,
            RenewalOutcome.Renewed => LeaseTrust.Renewed,
            RenewalOutcome.StoreUnreachable when enabled && Forgives(view) => LeaseTrust.Forgiven,
            RenewalOutcome.StoreUnreachable => LeaseTrust.LastRenewal,
            _ => LeaseTrust.Lost,
        };
}
