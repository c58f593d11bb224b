using ActorSupervisor.Actors;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Supervision.Actors;
using ActorSupervisor.Containers.Supervision.Hosting;
using ActorSupervisor.Containers.Supervision.Recovery;
using ActorSupervisor.Containers.Supervision.Sharding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSupervisor.Containers.Supervision;

/// <summary>
/// The supervision layer of one node, composed: an actor system with <c>/user/supervisor/shard-N/&lt;container id&gt;</c>,
/// the journal and snapshot store behind it, the runtimes and their signal routers. <see cref="StartAsync"/>
/// recovers every remembered container and reconciles it with its runtime; <see cref="StopAsync"/> shuts down in
/// order. In between it serves <see cref="IContainerService"/>.
/// </summary>
/// <example><code>
/// var registry = SupervisionEventTypes.Register(new EventTypeRegistry());
/// await using var persistence = await SqlPersistence.OpenAsync(SqlPersistenceOptions.ForSqliteFile("data/journal.db"), registry);
/// await using var host = new ContainerHost(new ContainerHostOptions { NodeId = "node-1" },
///     persistence.Journal, persistence.SnapshotStore, [new ProcessRuntime(new ProcessRuntimeOptions())]);
/// await host.StartAsync();
/// var web = await host.CreateAsync(new ContainerSpec { Name = "web", Command = CommandLine.Shell("sleep 1000") }, start: true);
/// await host.StopAsync();
/// </code></example>
public sealed partial class ContainerHost : IContainerService, IAsyncDisposable
{
    private readonly ContainerHostOptions _options;
    private readonly Dictionary<RuntimeKind, IContainerRuntime> _runtimes;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ContainerDirectory _directory;
    private readonly RecoveryCache _stores;
    private readonly SupervisionContext _context;
    private readonly ShardTable _shards;
    private readonly ShardRegion _region;
    private readonly CancellationTokenSource _routing = new();
    private readonly List<Task> _routers = [];
    private ActorSystem? _system;
    private int _phase; // 0 new, 1 starting, 2 running, 3 stopping, 4 stopped

    /// <summary>Composes a host; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Node id, shards, snapshots, shutdown behaviour and defaults.</param>
    /// <param name="journal">Where container and shard events go (the SQL journal for real nodes; recovery then loads in bulk).</param>
    /// <param name="snapshotStore">Where snapshots go.</param>
    /// <param name="runtimes">The runtimes, at most one per <see cref="RuntimeKind"/>.</param>
    /// <param name="time">The clock for timers, backoff and health schedules; the system clock when null.</param>
    /// <param name="loggerFactory">Where the host and the actors log.</param>
    /// <exception cref="ArgumentException">An option is out of range, or two runtimes have the same kind.</exception>
    public ContainerHost(ContainerHostOptions options, IJournal journal, ISnapshotStore snapshotStore, IEnumerable<IContainerRuntime> runtimes,
        TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshotStore);
        ArgumentNullException.ThrowIfNull(runtimes);
        options.Validate();
        _options = options;
        _runtimes = [];
        foreach (var runtime in runtimes)
        {
            if (!_runtimes.TryAdd(runtime.Kind, runtime))
                throw new ArgumentException($"two runtimes of kind {runtime.Kind} were given; a host takes one of each kind", nameof(runtimes));
        }
        _time = time ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<ContainerHost>();
        Metrics = new SupervisionMetrics();
        _directory = new ContainerDirectory(Metrics);
        _stores = new RecoveryCache(journal, snapshotStore, Metrics, _time, options.RecoveryChunkSize);
        _context = new SupervisionContext(options, _runtimes, _directory, Metrics, _stores);
        _shards = new ShardTable(options.ShardCount);
        _region = new ShardRegion(_shards);
    }

    /// <summary>The options the host runs with.</summary>
    public ContainerHostOptions Options => _options;

    /// <summary>Counters and gauges for the node's <c>/metrics</c>.</summary>
    public SupervisionMetrics Metrics { get; }

    /// <summary>True once <see cref="StartAsync"/> has recovered every container, until <see cref="StopAsync"/> begins (for <c>/readyz</c>).</summary>
    public bool IsReady => Volatile.Read(ref _phase) == 2;

    /// <summary>How many containers the host supervises now (removed ones excluded).</summary>
    public int ContainerCount => _directory.Count;

    /// <summary>The runtimes this host was given, by kind (for logs and capabilities).</summary>
    public IReadOnlyDictionary<RuntimeKind, IContainerRuntime> Runtimes => _runtimes;

    /// <summary>
    /// Starts the actor system and recovers every container the journal remembers, in bulk per shard; each is
    /// reconciled with its runtime (a workload that still runs is adopted, one that ended is recorded as exited and
    /// goes through its restart policy, pending restarts are rescheduled, and Docker's restore rule starts
    /// <c>always</c> and <c>unless-stopped</c> containers that were started before and not stopped by hand).
    /// Completes when all of that is done; then the runtimes' signals are routed and commands are accepted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host was started before.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _phase, 1, 0) != 0) throw new InvalidOperationException("the container host was started already; create a new one");
        var started = _time.GetTimestamp();
        _system = ActorSystem.Create("asv", new ActorSystemSettings
        {
            TimeProvider = _time,
            LoggerFactory = _loggerFactory,
            Journal = _stores,
            SnapshotStore = _stores,
        });
        var system = _system;
        Metrics.ReadDeadLettersFrom(() => system.DeadLetterCount);
        Metrics.ReadMailboxesFrom(system.GetMailboxStatistics);
        var root = _system.ActorOf(Props.Create(() => new SupervisorRoot(_context, _shards)), "supervisor");
        await root.Ask<ShardsReady>(AwaitShards.Instance, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        var recovered = await Task.WhenAll(Enumerable.Range(0, _shards.Count)
            .Select(shard => _region.Shard(shard).Ask<ShardRecovered>(AwaitRecovered.Instance, Timeout.InfiniteTimeSpan, cancellationToken)))
            .ConfigureAwait(false);
        foreach (var runtime in _runtimes.Values)
            _routers.Add(SignalRouter.RunAsync(runtime, _region, Metrics, _logger, _routing.Token));
        Volatile.Write(ref _phase, 2);
        _logger.LogInformation("Node {NodeId}: {Containers} containers recovered in {Shards} shards in {Elapsed}",
            _options.NodeId, recovered.Sum(r => r.Containers), _shards.Count, _time.GetElapsedTime(started));
    }

    /// <summary>
    /// Orderly shutdown: stops accepting commands, stops routing runtime signals, lets every container finish its
    /// pending journal write (stopping its workload first when <see cref="ContainerHostOptions.StopWorkloadsOnShutdown"/>
    /// is set; otherwise workloads keep running for the next start to adopt), then stops the actor system. The
    /// journal itself belongs to the caller, who disposes it afterwards.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _phase, 3, 2) != 2)
        {
            if (Interlocked.CompareExchange(ref _phase, 4, 0) == 0) return; // never started
            if (Volatile.Read(ref _phase) == 1) throw new InvalidOperationException("the container host is still starting");
            return;
        }
        await _routing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_routers).ConfigureAwait(false);
        var drain = new Drain(_options.StopWorkloadsOnShutdown);
        var timeout = _options.ShutdownTimeout + (_options.StopWorkloadsOnShutdown ? TimeSpan.FromSeconds(10) : TimeSpan.Zero);
        var drained = _directory.All.Select(entry => _region.Ask<Drained>(entry.Key, drain, Timeout.InfiniteTimeSpan, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(drained).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Node {NodeId}: {Pending} containers did not drain within {Timeout}; stopping anyway",
                _options.NodeId, drained.Count(t => !t.IsCompleted), timeout);
        }
        await _system!.Terminate().ConfigureAwait(false);
        Volatile.Write(ref _phase, 4);
        _logger.LogInformation("Node {NodeId}: supervision stopped", _options.NodeId);
    }

    /// <summary>Stops the host if it runs (see <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _phase) == 2) await StopAsync().ConfigureAwait(false);
        _routing.Dispose();
    }
}
