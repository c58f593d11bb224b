using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// Downs this member when a member of its cluster has quarantined it. The others quarantine a member once they removed
/// it (downed while it was frozen, cut off or paused past the failure detector), and then never hear it again, so it
/// never learns from their gossip that it was downed. Resumed, it would see them all unreachable and its split-brain
/// resolver, whose stable-after elapsed while it was stopped, could down them instead and carry on as a cluster of one:
/// coordinating shards its leases no longer cover. Akka's remoting says such a system must restart; downing itself
/// ends it as a downed member ends (coordinated shutdown, the node exits with 1 for its service manager to restart).
/// </summary>
internal sealed class QuarantineWatch : ReceiveActor
{
    private readonly HashSet<Address> _members = [];

    public QuarantineWatch(ILogger logger, string nodeId)
    {
        var cluster = Cluster.Get(Context.System);
        cluster.Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        Context.System.EventStream.Subscribe(Self, typeof(ThisActorSystemQuarantinedEvent));
        // Every address that was a member counts: by the time the quarantine is heard, this member may have removed the others itself.
        Receive<ClusterEvent.IMemberEvent>(changed => _members.Add(changed.Member.Address));
        Receive<ThisActorSystemQuarantinedEvent>(quarantined =>
        {
            if (!_members.Contains(quarantined.RemoteAddress) || cluster.SelfMember.Status == MemberStatus.Down) return;
            logger.LogCritical("Node {NodeId}: member {Member} has quarantined this node (the cluster removed it); downing itself to stop and rejoin afresh",
                nodeId, quarantined.RemoteAddress);
            cluster.Down(cluster.SelfAddress);
        });
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
    }
}
