using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>
/// Follows this member's cluster view from the cluster's own events (not <see cref="Cluster.State"/>, which another
/// subscriber updates, possibly after this one hears the event) and hands each change to its listener, which stores it
/// and has the lease keepers reassess their trust: a store outage stops being forgiven
/// the moment the view stops being healthy, not at the next heartbeat.
/// </summary>
internal sealed class ClusterViewWatch : ReceiveActor
{
    private readonly Cluster _cluster;
    private readonly string _role;
    private readonly Action<ClusterView> _changed;
    private ImmutableDictionary<UniqueAddress, Member> _members = ImmutableDictionary<UniqueAddress, Member>.Empty;
    private ImmutableHashSet<UniqueAddress> _unreachable = [];

    public ClusterViewWatch(Cluster cluster, string role, Action<ClusterView> changed)
    {
        _cluster = cluster;
        _role = role;
        _changed = changed;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            _members = state.Members.ToImmutableDictionary(m => m.UniqueAddress);
            _unreachable = state.Unreachable.Select(m => m.UniqueAddress).ToImmutableHashSet();
            Publish();
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            _members = removed.Member.UniqueAddress == _cluster.SelfUniqueAddress ? _members.SetItem(removed.Member.UniqueAddress, removed.Member) : _members.Remove(removed.Member.UniqueAddress);
            _unreachable = _unreachable.Remove(removed.Member.UniqueAddress);
            Publish();
        });
        Receive<ClusterEvent.IMemberEvent>(changed =>
        {
            _members = _members.SetItem(changed.Member.UniqueAddress, changed.Member);
            Publish();
        });
        Receive<ClusterEvent.UnreachableMember>(unreachable =>
        {
            _unreachable = _unreachable.Add(unreachable.Member.UniqueAddress);
            Publish();
        });
        Receive<ClusterEvent.ReachableMember>(reachable =>
        {
            _unreachable = _unreachable.Remove(reachable.Member.UniqueAddress);
            Publish();
        });
    }

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Publish()
    {
        var self = _members.TryGetValue(_cluster.SelfUniqueAddress, out var member) ? member.Status : MemberStatus.Joining;
        var supervisors = _members.Values.Where(m => (_role.Length == 0 || m.HasRole(_role)) && m.Status is not (MemberStatus.Down or MemberStatus.Removed)).ToList();
        _changed(new ClusterView(
            self,
            _unreachable.Count(a => a != _cluster.SelfUniqueAddress),
            supervisors.Count(m => m.Status == MemberStatus.Up && !_unreachable.Contains(m.UniqueAddress)),
            supervisors.Count));
    }
}

/// <summary>The latest <see cref="ClusterView"/>, written by <see cref="ClusterViewWatch"/> and read by the lease keepers' threads.</summary>
internal sealed class ClusterViewHolder
{
    private readonly Lock _gate = new();
    private ClusterView _view = ClusterView.None;

    public ClusterView View
    {
        get
        {
            lock (_gate) return _view;
        }
        set
        {
            lock (_gate) _view = value;
        }
    }
}
