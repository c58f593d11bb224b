using ActorSupervisor.Supervision.Workloads;
using Akka.Cluster;

namespace ActorSupervisor.Supervision.Tests.Workloads;

/// <summary>Issue 12: a node leaving the cluster refuses new log and exec sessions at once (503 unavailable).</summary>
public sealed class SessionAdmissionTests
{
    [Theory]
    [InlineData(MemberStatus.Joining, true)]
    [InlineData(MemberStatus.WeaklyUp, true)]
    [InlineData(MemberStatus.Up, true)]
    [InlineData(MemberStatus.Leaving, false)]
    [InlineData(MemberStatus.Exiting, false)]
    [InlineData(MemberStatus.Down, false)]
    [InlineData(MemberStatus.Removed, false)]
    public void Only_a_member_not_on_its_way_out_takes_new_sessions(MemberStatus status, bool takes) =>
        Assert.Equal(takes, SessionAdmission.TakesNewSessions(status, shuttingDown: false));

    [Fact]
    public void A_node_whose_shutdown_began_takes_none_even_while_still_up() =>
        Assert.False(SessionAdmission.TakesNewSessions(MemberStatus.Up, shuttingDown: true));

    [Fact]
    public void The_refusal_names_the_node_and_says_the_container_moves() =>
        Assert.Equal("its node node-3 is leaving the cluster and takes no new log or exec session; the container moves to another node",
            SessionAdmission.LeavingMessage("node-3"));
}
