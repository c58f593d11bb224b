using ActorSupervisor.Supervision.Actors;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// This node's subscriber to <see cref="DirectoryReplication.Topic"/>. Pub-sub learns of a new subscriber by gossip
/// (<c>akka.cluster.pub-sub.gossip-interval</c>), so a state published just after a member joined may not reach it, or
/// not reach the others from it: once this node starts and whenever another member comes up, the listener asks for a
/// refresh of the whole directory (every container answers its wake with its state) after a delay. It does so too when
/// a member is removed (it left, or was downed): its containers moved, and what it published last while it went (its
/// hand-off's stops, sent as its links closed) may be lost or arrive after the new host's word with the same sequence
/// number, which the directory cannot order; the new hosts' answers settle it.
/// </summary>
internal sealed class DirectoryListener : ReceiveActor, IWithTimers
{
    private sealed record Refresh
    {
        public static Refresh Instance { get; } = new();
    }

    public DirectoryListener(DirectoryReplication replication, IActorRef mediator, Func<Task> refresh, TimeSpan refreshDelay)
    {
        mediator.Tell(new Subscribe(DirectoryReplication.Topic, Self));
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));
        Receive<ContainerStateChanged>(replication.Receive);
        Receive<SubscribeAck>(_ => Timers.StartSingleTimer(nameof(Refresh), Refresh.Instance, refreshDelay));
        Receive<ClusterEvent.IMemberEvent>(changed =>
        {
            if (changed.Member.Address != Cluster.Get(Context.System).SelfAddress)
                Timers.StartSingleTimer(nameof(Refresh), Refresh.Instance, refreshDelay);
        });
        Receive<Refresh>(_ => refresh().PipeTo(Self, success: () => Status.Success.Instance));
        Receive<Status>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
