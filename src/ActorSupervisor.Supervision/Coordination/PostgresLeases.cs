using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>
/// The actor system's lease keepers (one per owner and table: every <see cref="PostgresLease"/> of a member shares
/// its heartbeat) and the host's hooks: what happens when a lease is lost and where the fence deadline goes. The
/// keepers stop with the actor system.
/// </summary>
public sealed class PostgresLeases : IExtension
{
    private readonly ConcurrentDictionary<(string Connection, string Table, string Owner), LeaseKeeper> _keepers = new();
    private readonly ILoggerFactory _loggers;
    private readonly ExtendedActorSystem _system;
    private readonly Lazy<ClusterViewHolder> _view;
    private readonly Lock _outageGate = new();
    private CancellationTokenSource _outage = new();
    private string? _storeProblem;

    /// <summary>Created by Akka through <see cref="Get"/>.</summary>
    public PostgresLeases(ExtendedActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _view = new Lazy<ClusterViewHolder>(WatchClusterView);
        _loggers = system.Settings.Setup.Get<LoggerFactorySetup>().Value?.LoggerFactory ?? NullLoggerFactory.Instance;
        system.RegisterOnTermination(() =>
        {
            foreach (var keeper in _keepers.Values) keeper.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
    }

    /// <summary>A lease of this system was lost (its name and why): the host kills the workloads it covered.</summary>
    public event Action<string, Exception>? Lost;

    /// <summary>A lease this system holds is about to be released without a hand-off (its name); its workloads must be dead before it is.</summary>
    public event Action<string>? Releasing;

    /// <summary>The instant until which every lease this system holds is trusted, after each change (for the node's fence).</summary>
    public event Action<DateTimeOffset>? FenceDeadline;

    /// <summary>Why the lease store (the cluster's PostgreSQL) does not answer now, as the last heartbeat found; null while it answers.</summary>
    public string? StoreProblem
    {
        get
        {
            lock (_outageGate) return _storeProblem;
        }
    }

    /// <summary>Cancelled when the lease store stops answering (already, during an outage): a command waiting on the store can give up then.</summary>
    public CancellationToken StoreOutage
    {
        get
        {
            lock (_outageGate) return _outage.Token;
        }
    }

    /// <summary>The extension of <paramref name="system"/>.</summary>
    public static PostgresLeases Get(ActorSystem system) => system.WithExtension<PostgresLeases, PostgresLeasesProvider>();

    /// <summary>Whether a keeper of this system holds <paramref name="leaseName"/> and still trusts it.</summary>
    public bool Holds(string leaseName) => _keepers.Values.Any(keeper => keeper.Holds(leaseName));

    /// <summary>The shard of <paramref name="leaseName"/> is being handed off: its lease counts as held until released (see <see cref="LeaseKeeper.HandingOff"/>).</summary>
    public void HandingOff(string leaseName)
    {
        foreach (var keeper in _keepers.Values) keeper.HandingOff(leaseName);
    }

    internal LeaseKeeper KeeperFor(PostgresLeaseSettings settings, string owner) =>
        _keepers.GetOrAdd((settings.ConnectionString, settings.Table, owner), _ =>
        {
            var logger = _loggers.CreateLogger<PostgresLease>();
            var keeper = new LeaseKeeper(settings, owner, logger, ViewFor(settings, logger));
            keeper.Lost += (name, reason) => Lost?.Invoke(name, reason);
            keeper.Releasing += name => Releasing?.Invoke(name);
            keeper.FenceDeadline += deadline => FenceDeadline?.Invoke(deadline);
            keeper.StoreChanged += OnStoreChanged;
            return keeper;
        });

    private void OnStoreChanged(string? problem)
    {
        CancellationTokenSource? ended = null;
        lock (_outageGate)
        {
            _storeProblem = problem;
            if (problem is not null) ended = _outage;
            else if (_outage.IsCancellationRequested) _outage = new CancellationTokenSource();
        }
        ended?.Cancel();
        // The connections pooled before an outage are dead after it (a server restart ends them): without this, the first
        // write or recovery after PostgreSQL returns takes one, fails, and stops its entity with the command unanswered.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// The cluster view the keeper's outage rule reads, when the rule applies here (<see cref="StoreOutageForgiveness.AppliesWith"/>:
    /// a cluster member whose split-brain resolver waits at least store-outage-margin); else null, and an outage is never forgiven.
    /// </summary>
    private Func<ClusterView>? ViewFor(PostgresLeaseSettings settings, ILogger logger)
    {
        if (_system.Provider is not Akka.Cluster.IClusterActorRefProvider) return null;
        var config = _system.Settings.Config;
        // Akka's split-brain resolver is the downing that waits stable-after before it downs; another provider gives no such bound.
        var resolver = config.GetString("akka.cluster.downing-provider-class", "").Contains("SplitBrainResolverProvider", StringComparison.Ordinal);
        TimeSpan? stableAfter = resolver ? config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after", null) : null;
        if (!StoreOutageForgiveness.AppliesWith(stableAfter, settings.StoreOutageMargin))
        {
            logger.LogWarning("Leases: PostgreSQL outages are not forgiven: a node fences its workloads {Trust} after its last renewal " +
                "(split-brain resolver {Resolver}, stable-after {StableAfter}, {Path}.store-outage-margin {Margin})",
                settings.TrustedFor, resolver ? "on" : "off", stableAfter, PostgresLeaseSettings.ConfigPath, settings.StoreOutageMargin);
            return null;
        }
        var view = _view.Value;
        return () => view.View;
    }

    /// <summary>Starts the actor that follows this member's cluster view and has the keepers reassess their trust on every change.</summary>
    private ClusterViewHolder WatchClusterView()
    {
        var holder = new ClusterViewHolder();
        var role = _system.Settings.Config.GetString("akka.cluster.sharding.role", "");
        Action<ClusterView> changed = view =>
        {
            holder.View = view;
            foreach (var keeper in _keepers.Values) keeper.Reassess();
        };
        var cluster = Cluster.Get(_system);
        _system.SystemActorOf(Props.Create(() => new ClusterViewWatch(cluster, role, changed)), "asv-lease-cluster-view");
        return holder;
    }

    private sealed class PostgresLeasesProvider : ExtensionIdProvider<PostgresLeases>
    {
        public override PostgresLeases CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
