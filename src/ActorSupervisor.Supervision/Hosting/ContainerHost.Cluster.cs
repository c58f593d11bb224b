using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>The host as a cluster member: joining, the shard count check, sharding statistics, and how membership ended.</summary>
public sealed partial class ContainerHost
{
    /// <summary>How long a refused node waits for its leave to be seen before it stops anyway.</summary>
    private static readonly TimeSpan RefusedLeaveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>This node's cluster extension: membership, leader, reachability.</summary>
    /// <exception cref="InvalidOperationException">The host has not started.</exception>
    public Cluster Cluster => Cluster.Get(System);

    /// <summary>
    /// Completes when the actor system has terminated, whoever ended it: <see cref="StopAsync"/>, or Akka after this
    /// member left the cluster (<c>cluster leave</c>) or was downed (by an operator or the split-brain resolver).
    /// </summary>
    public Task Terminated => System.WhenTerminated;

    /// <summary>Why the actor system shut down (<c>ClusterLeavingReason</c>, <c>ClusterDowningReason</c>...), or null while it runs.</summary>
    public CoordinatedShutdown.Reason? ShutdownReason => _system is null ? null : CoordinatedShutdown.Get(_system).ShutdownReason;

    /// <summary>
    /// Entities per shard of every region in the cluster (Akka's <see cref="GetClusterShardingStats"/>); a region that
    /// does not answer within <paramref name="timeout"/> is missing from the answer.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host has not started.</exception>
    public Task<ClusterShardingStats> ShardingStatsAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var region = _region ?? throw new InvalidOperationException("the container host has not started");
        return region.Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout + TimeSpan.FromSeconds(1), cancellationToken);
    }

    /// <summary>
    /// Joins itself (no seeds: a new cluster) or the seeds, waiting until this member is up; then refuses to stay in a
    /// cluster whose members shard containers with another count: it leaves, and start-up fails with the reason.
    /// </summary>
    private async Task JoinClusterAsync(CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(_system!);
        if (_options.Seeds.Count == 0)
        {
            await cluster.JoinAsync(cluster.SelfAddress, cancellationToken).ConfigureAwait(false);
            return;
        }
        _logger.LogInformation("Node {NodeId} ({Address}) joining the cluster through {Seeds}", _options.NodeId, cluster.SelfAddress, string.Join(", ", _options.Seeds));
        await cluster.JoinSeedNodesAsync(_options.Seeds.Select(ClusterAddresses.Parse), cancellationToken).ConfigureAwait(false);
        if (ClusterRoles.ShardCountMismatch(_options.ShardCount, cluster.State.Members, cluster.SelfAddress) is not { } mismatch)
            return;
        _logger.LogCritical("Node {NodeId} refuses to join the cluster: {Reason}", _options.NodeId, mismatch);
        using var leaving = new CancellationTokenSource(RefusedLeaveTimeout);
        try
        {
            await cluster.LeaveAsync(leaving.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Terminating the actor system below takes it out all the same; the others see it unreachable, then down.
        }
        throw new ClusterJoinRefusedException("refused to join the cluster: " + mismatch);
    }
}
