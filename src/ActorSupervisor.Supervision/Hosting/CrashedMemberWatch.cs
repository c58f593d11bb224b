using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// Downs and quarantines a member whose process is gone, without waiting for the failure detector and the split-brain
/// resolver (acceptable-heartbeat-pause, then stable-after: about 8 to 12 s with the defaults). When this node loses its link
/// to an up member, it tries that member's remoting port: a port that refuses the connection twice in a row has no
/// process behind it, and a member's actor system keeps its port open until after it has left the cluster, so that
/// member was killed or crashed. A port that does not answer (a frozen process, a cut link, a dead machine) proves
/// nothing and is left to Akka's path. Workloads stay apart either way: the gone member's shards start elsewhere only
/// once their leases expired, after its fence killed what it ran.
/// </summary>
internal sealed class CrashedMemberWatch : ReceiveActor
{
    /// <summary>A connect that neither succeeds nor is refused within this proves nothing.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>The second try: one refusal could be a listener restarting its socket.</summary>
    private static readonly TimeSpan ConfirmAfter = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<Address> _up = [];
    private readonly HashSet<Address> _probing = [];

    public CrashedMemberWatch(ILogger logger, string nodeId)
    {
        var cluster = Cluster.Get(Context.System);
        cluster.Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Receive<ClusterEvent.MemberUp>(up => _up.Add(up.Member.Address));
        // Leaving, exiting, downed or removed: a member that is not up is on a path of its own, which this must not cut short.
        Receive<ClusterEvent.IMemberEvent>(changed => _up.Remove(changed.Member.Address));
        Receive<DisassociatedEvent>(lost =>
        {
            var address = lost.RemoteAddress;
            if (!_up.Contains(address) || address == cluster.SelfAddress || cluster.SelfMember.Status != MemberStatus.Up
                || address.Host is null || address.Port is null || !_probing.Add(address)) return;
            RefusesAsync(address.Host, address.Port.Value).PipeTo(Self, success: refused => new Probed(address, refused));
        });
        Receive<Probed>(probed =>
        {
            _probing.Remove(probed.Address);
            if (!probed.Refused || !_up.Contains(probed.Address) || cluster.SelfMember.Status != MemberStatus.Up) return;
            logger.LogWarning("Node {NodeId}: member {Member} refuses connections on its cluster port: its process is gone; downing it", nodeId, probed.Address);
            var uid = cluster.State.Members.FirstOrDefault(m => m.Address == probed.Address)?.UniqueAddress.Uid;
            cluster.Down(probed.Address);
            // Akka's leader removes a downed member (and sharding moves its shards) only once it is unreachable, which
            // the failure detector decides after its pause. A quarantine marks it terminated at once, as Akka does for
            // any member it quarantines; its process is gone, so no link that could come back is cut.
            if (uid is { } gone) ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Quarantine(probed.Address, gone);
        });
    }

    /// <summary>Whether nothing listens at <paramref name="host"/>:<paramref name="port"/>: two refused connects, <see cref="ConfirmAfter"/> apart.</summary>
    internal static async Task<bool> RefusesAsync(string host, int port)
    {
        if (!await RefusedOnceAsync(host, port).ConfigureAwait(false)) return false;
        await Task.Delay(ConfirmAfter).ConfigureAwait(false);
        return await RefusedOnceAsync(host, port).ConfigureAwait(false);
    }

    private static async Task<bool> RefusedOnceAsync(string host, int port)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return false;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.ConnectionRefused;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
    }

    private sealed record Probed(Address Address, bool Refused);
}
