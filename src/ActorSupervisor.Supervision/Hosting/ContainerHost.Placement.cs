using System.Globalization;
using ActorSupervisor.Supervision.Coordination;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Supervision.Sharding;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// Workload placement: a container's workload runs on the node that hosts its entity, and only while that node holds
/// its shard's lease. Leases (<see cref="PostgresLease"/>) fence a node that lost them: the lost-lease hook kills the
/// shard's workloads, and the workload fence (<see cref="WorkloadFence"/>) kills all of the node's workloads when the
/// node itself cannot (killed, frozen, cut off). A hand-off stops the workloads before the shard starts elsewhere; a
/// node that starts again kills every workload of a shard it no longer hosts.
/// </summary>
public sealed partial class ContainerHost
{
    private const string LeaseNamePrefix = ContainerHostOptions.SystemName + "-shard-" + ContainerMessageExtractor.TypeName + "-";
    private WorkloadFence? _fence;
    private bool _leased;

    /// <summary>
    /// Whether this node's shards hold leases on PostgreSQL (see <see cref="ContainerHostOptions.ShardLease"/>; the
    /// node's akka { } section can also turn sharding's <c>use-lease</c> off); known once the host has started.
    /// </summary>
    public bool UsesShardLeases => _leased;

    private bool LeasesWanted => _options.ShardLease ?? _store.Kind == StoreKind.PostgreSql;

    /// <summary>The lease's HOCON (its block and sharding's <c>use-lease</c>) when shards hold leases, else a comment.</summary>
    private Config LeaseConfig()
    {
        // Never Config.Empty: Akka refuses Config.Empty as the fallback of Config.Empty ("itself as fallback").
        if (!LeasesWanted) return ConfigurationFactory.ParseString("# no shard lease");
        if (_store.Kind != StoreKind.PostgreSql)
            throw new ArgumentException("ShardLease is on but the store is not PostgreSQL: the shard lease lives in the cluster's PostgreSQL database");
        var defaults = new PostgresLeaseSettings { ConnectionString = "" };
        var connection = _store.ConnectionString.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        // Values from PostgresLeaseSettings' defaults; hocon/reference.conf explains each; the node file's akka { } section overrides them.
        return ConfigurationFactory.ParseString($$"""
            akka.coordination.lease.postgres {
              lease-class = "{{typeof(PostgresLease).AssemblyQualifiedName}}"
              connection-string = "{{connection}}"
              table = {{defaults.Table}}
              heartbeat-timeout = {{Millis(defaults.HeartbeatTimeout)}}
              heartbeat-interval = {{Millis(defaults.HeartbeatInterval)}}
              lease-operation-timeout = {{Millis(defaults.OperationTimeout)}}
              fence-margin = {{Millis(defaults.FenceMargin)}}
              store-outage-margin = {{Millis(defaults.StoreOutageMargin)}}
            }
            # Akka holds a downed member's shards back for a removal margin (stable-after, with the split-brain
            # resolver) in case the downed side still runs them. With shard leases the lease keeps them apart instead:
            # a shard starts elsewhere only once its lease expired, and the fence killed its workloads before that.
            akka.cluster.down-removal-margin = 100ms
            akka.cluster.sharding {
              use-lease = "{{PostgresLeaseSettings.ConfigPath}}"
              lease-retry-interval = 200ms
            }
            # A leaving node's shards stop their workloads (each within its stop timeout) before they move: Akka's 10 s
            # for the region's hand-off would cut a slow stop short and leave the shards to the lease timeout.
            akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = 60s
            """);
    }

    private static string Millis(TimeSpan span) => FormattableString.Invariant($"{span.TotalMilliseconds:0}ms");

    /// <summary>
    /// With leases on: checks their settings (a bad value fails the start, naming the key), starts the fence over the
    /// runtimes' cgroups and hooks the lost-lease handler. Before the shard region starts, so that no shard runs unfenced.
    /// </summary>
    private void StartPlacement(ActorSystem system)
    {
        if (!LeasesWanted) return;
        var config = system.Settings.Config;
        var path = config.GetString("akka.cluster.sharding.use-lease", "");
        if (path.Length == 0) return; // turned off in the node's akka { } section
        PostgresLeaseSettings.From(config.GetConfig(path).WithFallback(config.GetConfig("akka.coordination.lease")));
        _leased = true;
        var leases = PostgresLeases.Get(system);
        leases.Lost += OnLeaseLost;
        leases.Releasing += OnLeaseReleasing;
        var parents = _runtimes.Values.SelectMany(r => r.WorkloadGroupParents).ToList();
        if (_options.FenceDirectory is { } directory && parents.Count > 0)
        {
            _fence = WorkloadFence.Start(directory, parents, _logger);
            leases.FenceDeadline += _fence.Extend;
        }
        else
        {
            _logger.LogWarning("Node {NodeId}: no workload fence ({Reason}): a node killed or frozen keeps its workloads running until it restarts",
                _options.NodeId, parents.Count == 0 ? "no runtime keeps its workloads in cgroups" : "no fence directory");
        }
    }

    /// <summary>A shard's lease is gone: its workloads must not run here a moment longer (the shard itself stops too).</summary>
    private void OnLeaseLost(string leaseName, Exception reason) => KillShardWorkloads(leaseName, reason.Message);

    /// <summary>
    /// A shard gives its lease up without a hand-off (this node downed itself, cut off from the others): its workloads
    /// still run, and the node that takes the lease next would start a second copy.
    /// </summary>
    private void OnLeaseReleasing(string leaseName) =>
        KillShardWorkloads(leaseName, "its shard's lease is being released without a hand-off (this node was downed or cut off)");

    private void KillShardWorkloads(string leaseName, string reason)
    {
        if (!leaseName.StartsWith(LeaseNamePrefix, StringComparison.Ordinal)
            || !int.TryParse(leaseName.AsSpan(LeaseNamePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var shard))
            return;
        KillHostWorkloads(id => ShardHash.ShardOf(id, _options.ShardCount) == shard, reason);
    }

    /// <summary>
    /// After the wake: kills every workload on this host whose container's entity is not hosted here (its shard lives on
    /// another node now, or the store does not know the container: it was removed, or the store was lost or replaced).
    /// A node back from a crash never runs a copy, and nothing runs under its cgroup parent unknown to it.
    /// </summary>
    private async Task KillStrayWorkloadsAsync(CancellationToken cancellationToken)
    {
        var state = await _region!.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var hosted = state.Shards.SelectMany(s => s.EntityIds).ToHashSet(StringComparer.Ordinal);
        KillHostWorkloads(id => !hosted.Contains(id), "its container is not hosted here (its shard is on another node, or the store does not know it)");
    }

    /// <summary>Kills every workload on this host, watched or not, whose container <paramref name="doomed"/> picks.</summary>
    private void KillHostWorkloads(Func<string, bool> doomed, string reason)
    {
        foreach (var runtime in _runtimes.Values)
        {
            foreach (var container in runtime.ListHostWorkloads().Where(doomed))
            {
                _logger.LogWarning("Node {NodeId}: killing the workload of container {ContainerId}: {Reason}", _options.NodeId, container, reason);
                runtime.KillHostWorkload(container);
            }
        }
    }

    /// <summary>Without leases always; with them, while this node trusts the lease of the container's shard (see <see cref="LeaseKeeper.Holds"/>).</summary>
    private bool OwnsWorkload(string containerId) =>
        !UsesShardLeases || _system is not { } system
        || PostgresLeases.Get(system).Holds(LeaseNamePrefix + ShardHash.ShardOf(containerId, _options.ShardCount).ToString(CultureInfo.InvariantCulture));

    /// <summary>The container's shard is being handed off: its lease counts as held until the shard releases it.</summary>
    private void HandingOff(string containerId)
    {
        if (UsesShardLeases && _system is { } system)
            PostgresLeases.Get(system).HandingOff(LeaseNamePrefix + ShardHash.ShardOf(containerId, _options.ShardCount).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Why commands cannot be stored now: the cluster's PostgreSQL does not answer the shard leases' heartbeats (null while it does, and without leases).</summary>
    public string? StoreOutage => UsesShardLeases && _system is { } system ? PostgresLeases.Get(system).StoreProblem : null;

    /// <summary>
    /// Asks an entity for a command that must be stored. During a PostgreSQL outage (as the shard leases' heartbeats find
    /// it) it answers unavailable at once, and an ask under way when the outage starts stops waiting then: the journal
    /// cannot take the change, and a caller told to retry is better served than one left waiting for the command timeout.
    /// </summary>
    /// <exception cref="ContainerUnavailableException">The store does not answer.</exception>
    private async Task<object> AskStoredAsync(IActorRef target, object message, TimeSpan timeout, string id, CancellationToken cancellationToken)
    {
        if (!UsesShardLeases || _system is not { } system)
            return await target.Ask<object>(message, timeout, cancellationToken).ConfigureAwait(false);
        var leases = PostgresLeases.Get(system);
        var outage = leases.StoreOutage;
        if (leases.StoreProblem is { } down) throw new ContainerUnavailableException(id, down);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, outage);
        try
        {
            return await target.Ask<object>(message, timeout, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (outage.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ContainerUnavailableException(id, (leases.StoreProblem ?? "PostgreSQL stopped answering") + "; the command may still complete when it answers again");
        }
    }

    /// <summary>
    /// A hand-off stops workloads when another member can take them (else this is the last node: it keeps them for its
    /// restart), and always on a node that was downed: the others take its shards whatever this node still sees.
    /// </summary>
    private bool HandOffStopsWorkloads()
    {
        if (!UsesShardLeases || _system is not { } system) return false;
        var cluster = Cluster.Get(system);
        return cluster.SelfMember.Status == MemberStatus.Down
            || cluster.State.Members.Any(m => m.Address != cluster.SelfAddress && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp);
    }

    private void StopFence()
    {
        _fence?.Dispose();
        _fence = null;
    }
}
