using ActorSupervisor.Supervision.Coordination;
using Akka.Cluster;

namespace ActorSupervisor.Supervision.Tests.Coordination;

/// <summary>The rule by which a node keeps its leases through a lease-store outage: only with a healthy cluster view.</summary>
public sealed class StoreOutageForgivenessTests
{
    [Theory]
    // self, unreachable, supervisors up, supervisors, forgives
    [InlineData(MemberStatus.Up, 0, 3, 3, true)]
    [InlineData(MemberStatus.Up, 0, 2, 2, true)]
    [InlineData(MemberStatus.Up, 0, 2, 3, true)] // one node still joining: two of three up is a majority
    [InlineData(MemberStatus.Up, 1, 2, 3, false)] // sees a member unreachable: it may be the one cut off
    [InlineData(MemberStatus.Up, 2, 1, 3, false)]
    [InlineData(MemberStatus.Up, 1, 4, 5, false)] // even in the majority: any unreachable member ends it
    [InlineData(MemberStatus.Up, 0, 1, 1, false)] // alone: nobody to confirm it was not cut off
    [InlineData(MemberStatus.Up, 0, 1, 2, false)] // not a majority of the nodes
    [InlineData(MemberStatus.Up, 0, 2, 4, false)]
    [InlineData(MemberStatus.Leaving, 0, 2, 3, false)]
    [InlineData(MemberStatus.Exiting, 0, 2, 3, false)]
    [InlineData(MemberStatus.Down, 0, 2, 3, false)]
    [InlineData(MemberStatus.Removed, 0, 2, 3, false)]
    [InlineData(MemberStatus.Joining, 0, 2, 3, false)]
    [InlineData(MemberStatus.WeaklyUp, 0, 2, 3, false)]
    public void Only_an_up_member_that_sees_nobody_unreachable_and_a_majority_up_is_forgiven(MemberStatus self, int unreachable, int up, int supervisors, bool forgives) =>
        Assert.Equal(forgives, StoreOutageForgiveness.Forgives(new ClusterView(self, unreachable, up, supervisors)));

    [Fact]
    public void No_view_is_never_forgiven() => Assert.False(StoreOutageForgiveness.Forgives(ClusterView.None));

    private static readonly ClusterView Healthy = new(MemberStatus.Up, 0, 3, 3);
    private static readonly ClusterView CutOff = new(MemberStatus.Up, 2, 1, 3);

    public static TheoryData<RenewalOutcome, bool, bool, bool, LeaseTrust> Verdicts => new()
    {
        // outcome, trusted at send, forgiveness on, healthy view, verdict
        { RenewalOutcome.Renewed, true, true, true, LeaseTrust.Renewed },
        { RenewalOutcome.Renewed, true, false, false, LeaseTrust.Renewed },
        { RenewalOutcome.Renewed, false, true, true, LeaseTrust.Lost }, // frozen past its trust: fenced already, a late renewal cannot undo it
        { RenewalOutcome.Refused, true, true, true, LeaseTrust.Lost }, // the store says another owner has it: never forgiven
        { RenewalOutcome.Refused, true, false, false, LeaseTrust.Lost },
        { RenewalOutcome.StoreUnreachable, true, true, true, LeaseTrust.Forgiven },
        { RenewalOutcome.StoreUnreachable, true, true, false, LeaseTrust.LastRenewal },
        { RenewalOutcome.StoreUnreachable, true, false, true, LeaseTrust.LastRenewal }, // forgiveness off (stable-after below the margin)
        { RenewalOutcome.StoreUnreachable, false, true, true, LeaseTrust.Lost },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void A_renewal_is_judged_by_its_outcome_the_trust_at_its_send_and_the_view(RenewalOutcome outcome, bool trustedAtSend, bool enabled, bool healthy, LeaseTrust expected) =>
        Assert.Equal(expected, StoreOutageForgiveness.Judge(outcome, trustedAtSend, enabled, healthy ? Healthy : CutOff));

    [Theory]
    [InlineData(5.0, 2.0, true)]
    [InlineData(2.0, 2.0, true)]
    [InlineData(1.5, 2.0, false)] // the others may down this node before it sees them unreachable
    [InlineData(null, 2.0, false)] // no split-brain resolver: nothing bounds when the others down this node
    [InlineData(5.0, 0.0, false)]
    public void Forgiveness_applies_only_where_the_resolver_waits_at_least_the_margin(double? stableAfter, double margin, bool applies) =>
        Assert.Equal(applies, StoreOutageForgiveness.AppliesWith(stableAfter is { } s ? TimeSpan.FromSeconds(s) : null, TimeSpan.FromSeconds(margin)));
}
