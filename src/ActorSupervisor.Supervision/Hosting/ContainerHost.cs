using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Actors;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Supervision.Sharding;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using Akka.Event;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// The supervision layer of one node, composed: an Akka.NET actor system that is a cluster member (a single node
/// joins itself), the <c>container</c> shard region whose entities are the containers, the store behind them and the
/// runtimes with their signal routers. <see cref="StartAsync"/> recovers every container the store holds (not removed ones) and
/// reconciles it with its runtime; <see cref="StopAsync"/> shuts down in order. In between it serves
/// <see cref="IContainerService"/>.
/// </summary>
/// <example><code>
/// await using var host = new ContainerHost(new ContainerHostOptions { NodeId = "node-1" },
///     StoreSettings.ForSqliteFile("data/store.db"), [new ProcessRuntime(new ProcessRuntimeOptions())]);
/// await host.StartAsync();
/// var web = await host.CreateAsync(new ContainerSpec { Name = "web", Command = CommandLine.Shell("sleep 1000") }, start: true);
/// await host.StopAsync();
/// </code></example>
public sealed partial class ContainerHost : IContainerService, IAsyncDisposable
{
    private readonly ContainerHostOptions _options;
    private readonly StoreSettings _store;
    private readonly Dictionary<RuntimeKind, IContainerRuntime> _runtimes;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ContainerDirectory _directory;
    private readonly CancellationTokenSource _routing = new();
    // Cancelled as a stop begins: work the host starts on its own (the directory refresh) sends nothing to a region shutting down.
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _routers = [];
    private ActorSystem? _system;
    private IActorRef? _region;
    private SupervisionContext? _context;
    // Two pub-sub gossip rounds (akka.cluster.pub-sub.gossip-interval, 1 s): by then every member knows every subscriber.
    private static readonly TimeSpan DirectoryRefreshDelay = TimeSpan.FromSeconds(3);
    private ContainerEventLog? _events;
    // A container is asked to wake at most this many times; each ask waits up to WakeTimeout, and the silent ones are
    // asked again once no container at all has answered for WakeStall (see WakeCalls).
    private const int WakeAsks = 3;
    private static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WakeStall = TimeSpan.FromSeconds(5);
    private readonly Lock _stopGate = new();
    private Task? _stopped;
    private readonly TaskCompletionSource _startEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _phase; // 0 new, 1 starting, 2 running, 3 stopping, 4 stopped

    /// <summary>Composes a host; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Node id, cluster address, shards, snapshots, shutdown behaviour and defaults.</param>
    /// <param name="store">Where container events and snapshots are kept (SQLite file or PostgreSQL).</param>
    /// <param name="runtimes">The runtimes, at most one per <see cref="RuntimeKind"/>.</param>
    /// <param name="time">The clock of the domain, the containers' timers and backoff; the system clock when null.</param>
    /// <param name="loggerFactory">Where the host, the entities and Akka log.</param>
    /// <exception cref="ArgumentException">An option is out of range, the store settings are invalid, or two runtimes have the same kind.</exception>
    public ContainerHost(ContainerHostOptions options, StoreSettings store, IEnumerable<IContainerRuntime> runtimes,
        TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runtimes);
        options.Validate();
        _options = options;
        _store = store.Validate();
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
        _directory = new ContainerDirectory(options.NodeId, Metrics);
    }

    /// <summary>The options the host runs with.</summary>
    public ContainerHostOptions Options => _options;

    /// <summary>Counters and gauges for the node's <c>/metrics</c>.</summary>
    public SupervisionMetrics Metrics { get; }

    /// <summary>True once <see cref="StartAsync"/> has recovered every container, until <see cref="StopAsync"/> begins (for <c>/readyz</c>).</summary>
    public bool IsReady => Volatile.Read(ref _phase) == 2;

    /// <summary>How many containers this node hosts now (removed ones excluded).</summary>
    public int ContainerCount => _directory.HostedCount;

    /// <summary>The runtimes this host was given, by kind (for logs and capabilities).</summary>
    public IReadOnlyDictionary<RuntimeKind, IContainerRuntime> Runtimes => _runtimes;

    /// <summary>The store's read side: container histories and the global event feed.</summary>
    /// <exception cref="InvalidOperationException">The host has not started.</exception>
    public ContainerEventLog Events => _events ?? throw new InvalidOperationException("the container host has not started");

    /// <summary>The actor system, for the node's cluster views.</summary>
    /// <exception cref="InvalidOperationException">The host has not started.</exception>
    public ActorSystem System => _system ?? throw new InvalidOperationException("the container host has not started");

    /// <summary>
    /// Starts the actor system, joins the cluster (itself, for a single node), starts the shard region and wakes
    /// every container the store holds that was not removed: each recovers and is reconciled with its runtime (a workload that still runs
    /// is adopted, one that ended is recorded as exited and goes through its restart policy, pending restarts are
    /// rescheduled, and Docker's restore rule starts <c>always</c> and <c>unless-stopped</c> containers that were
    /// started before and not stopped by hand). Completes when all of that is durable; then the runtimes' signals
    /// are routed and commands are accepted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host was started before.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _phase, 1, 0) != 0) throw new InvalidOperationException("the container host was started already; create a new one");
        var started = _time.GetTimestamp();
        try
        {
            try
            {
                await StartSystemAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A host that failed to start holds nothing: its actor system (possibly a member already) goes away.
                Volatile.Write(ref _phase, 4);
                if (_system is not null) await _system.Terminate().ConfigureAwait(false);
                StopFence();
                throw;
            }
            try
            {
                var containers = await WakeAllAsync(cancellationToken).ConfigureAwait(false);
                await KillStrayWorkloadsAsync(cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Node {NodeId}: {Containers} containers recovered in {Elapsed}", _options.NodeId, containers, _time.GetElapsedTime(started));
            }
            finally
            {
                // Woken or not (a shutdown during the wake cancels it), containers live in the actor system now: the host
                // runs, and a stop drains them and leaves the cluster in order.
                foreach (var runtime in _runtimes.Values)
                    _routers.Add(SignalRouter.RunAsync(runtime, _region!, Metrics, _logger, _routing.Token));
                Volatile.Write(ref _phase, 2);
            }
        }
        finally
        {
            _startEnded.TrySetResult();
        }
    }

    private async Task StartSystemAsync(CancellationToken cancellationToken)
    {
        var config = (_options.Akka is { IsEmpty: false } own ? own.WithFallback(LeaseConfig()) : LeaseConfig())
            .WithFallback(SupervisionAkkaConfig.For(_options))
            .WithFallback(_store.ToConfig())
            // Sharding's and distributed data's serializers from the start: a member that joins gets the replicator's
            // gossip before this node calls ClusterSharding.Get, and without them drops it ("serializer id 12").
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(Akka.DistributedData.DistributedData.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig())
            // The public contract's serializer and the receptionist other actor systems reach the gateway through (docs/interop.md).
            .WithFallback(ActorSupervisor.Messages.SupervisorMessagesSetup.Config)
            .WithFallback(Akka.Cluster.Tools.Client.ClusterClientReceptionist.DefaultConfig());
        if (_options.RemotingTls is not null) config = ActorSupervisor.Messages.RemotingTls.Config.WithFallback(config);
        var setup = BootstrapSetup.Create().WithConfig(config).And(_store.ToDataOptionsSetup()).And(new LoggerFactorySetup(_loggerFactory));
        if (_options.RemotingTls is { } tls) setup = setup.And(tls);
        _system = ActorSystem.Create(ContainerHostOptions.SystemName, setup);
        var deadLetters = _system.ActorOf(Props.Create(() => new DeadLetterCounter(Metrics)), "dead-letter-counter");
        _system.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        StartPlacement(_system);
        _system.ActorOf(Props.Create(() => new QuarantineWatch(_logger, _options.NodeId)), "quarantine-watch");
        _system.ActorOf(Props.Create(() => new CrashedMemberWatch(_logger, _options.NodeId)), "crashed-member-watch");
        await JoinClusterAsync(cancellationToken).ConfigureAwait(false);
        var replication = new DirectoryReplication(_directory, _options.NodeId, () => _events?.NotifyWritten());
        _context = new SupervisionContext(_options, _runtimes, _time, replication, Metrics,
            _loggerFactory.CreateLogger("ActorSupervisor.Supervision.ContainerEntity"))
        {
            HandOffStopsWorkloads = HandOffStopsWorkloads,
            OwnsWorkload = OwnsWorkload,
            HandingOff = HandingOff,
        };
        _events = new ContainerEventLog(_system, _store);
        StartWorkloadReader(_system);
        var sharding = ClusterSharding.Get(_system);
        var settings = ClusterShardingSettings.Create(_system);
        var context = _context;
        _region = await sharding.StartAsync(ContainerMessageExtractor.TypeName,
            id => ContainerEntity.PropsFor(id, context), settings,
            new ContainerMessageExtractor(_options.ShardCount), sharding.DefaultShardAllocationStrategy(settings), HandOff.Instance).ConfigureAwait(false);
        await StartNamesAsync().ConfigureAwait(false);
        await StartGroupsAsync().ConfigureAwait(false);
        var mediator = DistributedPubSub.Get(_system).Mediator;
        replication.Attach(mediator);
        var stopping = _stopping.Token;
        _system.ActorOf(Props.Create(() => new DirectoryListener(replication, mediator, () => RefreshDirectoryAsync(stopping), DirectoryRefreshDelay)),
            "container-directory");
    }

    /// <summary>
    /// Wakes every container the store has a history for and waits until each has recovered and reconciled. A wake
    /// that gets no answer in time is sent again; one that never does is logged and left to remember-entities (the
    /// container comes back with its shard or its next message), so one stuck container never keeps a node unready.
    /// </summary>
    private async Task<int> WakeAllAsync(CancellationToken cancellationToken)
    {
        var pending = await _events!.ReadLiveContainerIdsAsync(cancellationToken).ConfigureAwait(false);
        return await WakeAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fills this node's directory again from every container's own answer (see <see cref="DirectoryListener"/>):
    /// containers hosted anywhere in the cluster, created or changed while pub-sub had not yet learned of a member.
    /// </summary>
    private async Task RefreshDirectoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A refresh asked for while the start's own wake still runs follows it.
            await _startEnded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _phase) != 2) return;
            var ids = await _events!.ReadLiveContainerIdsAsync(cancellationToken).ConfigureAwait(false);
            await WakeAsync(ids.Where(id => !_directory.IsRemoved(id)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Node {NodeId}: refreshing the container directory failed; it stays as pub-sub keeps it", _options.NodeId);
        }
    }

    /// <summary>Wakes the containers <paramref name="ids"/> (wherever they are hosted) and records the states they answer.</summary>
    private async Task<int> WakeAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var existing = 0;
        var silent = await WakeCalls.AskAllAsync(ids,
            id => _region!.Ask<Woken>(new ContainerEnvelope(id, Wake.Instance), WakeTimeout, cancellationToken),
            woken =>
            {
                _directory.Publish(woken.ContainerId, woken.State, woken.SequenceNr, woken.Node);
                if (woken.Exists) existing++;
            },
            WakeStall, WakeAsks, cancellationToken).ConfigureAwait(false);
        if (silent.Count > 0)
            _logger.LogWarning("Node {NodeId}: {Count} containers did not answer their wake ({Asks} asks, each waiting up to {Timeout})",
                _options.NodeId, silent.Count, WakeAsks, WakeTimeout);
        return existing;
    }

    /// <summary>
    /// Orderly shutdown: stops accepting commands, stops routing runtime signals, lets every container finish its
    /// pending journal write (stopping its workload first when <see cref="ContainerHostOptions.StopWorkloadsOnShutdown"/>
    /// is set; otherwise workloads keep running for the next start to adopt), then leaves the cluster and stops the
    /// actor system.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopGate)
        {
            if (_stopped is not null) return _stopped;
            if (Interlocked.CompareExchange(ref _phase, 3, 2) != 2)
            {
                if (Interlocked.CompareExchange(ref _phase, 4, 0) == 0) return Task.CompletedTask; // never started
                if (Volatile.Read(ref _phase) == 1) return _stopped = StopAfterStartAsync(cancellationToken);
                return Task.CompletedTask;
            }
            return _stopped = StopRunningAsync(cancellationToken);
        }
    }

    /// <summary>A stop asked for during the start (SIGTERM while recovering): the start ends first (its caller cancels it), then the stop runs.</summary>
    private async Task StopAfterStartAsync(CancellationToken cancellationToken)
    {
        await _startEnded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.CompareExchange(ref _phase, 3, 2) == 2) await StopRunningAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StopRunningAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        // Akka may have ended the actor system itself (this member left the cluster or was downed): its shards were
        // handed off or are recovered by the members that remain, so there is nothing to drain or shut down here.
        var left = _system!.WhenTerminated.IsCompleted;
        if (!left) await DrainAsync(cancellationToken).ConfigureAwait(false);
        // Signals keep flowing through the coordinated shutdown: a shard handed off to another node stops its workloads
        // and waits for their exits.
        if (!left) await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
        await _routing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_routers).ConfigureAwait(false);
        StopFence();
        await _events!.DisposeAsync().ConfigureAwait(false);
        Volatile.Write(ref _phase, 4);
        if (left) _logger.LogInformation("Node {NodeId}: supervision stopped after leaving the cluster ({Reason})", _options.NodeId, ShutdownReason?.GetType().Name);
        else _logger.LogInformation("Node {NodeId}: supervision stopped", _options.NodeId);
    }

    /// <summary>
    /// Lets every container finish its pending write, stopping its workload first when the options say so. Signals
    /// keep flowing meanwhile: a workload stopped by the shutdown reports its exit like any other.
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var drain = new Drain(_options.StopWorkloadsOnShutdown);
        var timeout = _options.ShutdownTimeout + (_options.StopWorkloadsOnShutdown ? TimeSpan.FromSeconds(10) : TimeSpan.Zero);
        var drained = _context!.Hosted.ToList().Select(id =>
            _region!.Ask<Drained>(new ContainerEnvelope(id, drain), timeout)).ToList();
        try
        {
            await Task.WhenAll(drained).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException or OperationCanceledException)
        {
            // The actor system stops all the same: whatever was not drained is recovered from the journal next time.
            _logger.LogWarning("Node {NodeId}: {Pending} containers did not drain ({Reason}); stopping anyway",
                _options.NodeId, drained.Count(t => !t.IsCompletedSuccessfully), e.GetType().Name);
        }
    }

    /// <summary>Stops the host if it runs (see <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        // The generic host may dispose this while its own StopAsync is still draining: wait for that stop to finish.
        if (Volatile.Read(ref _phase) is 2 or 3) await StopAsync().ConfigureAwait(false);
        else if (_system is not null && Volatile.Read(ref _phase) != 4) await _system.Terminate().ConfigureAwait(false);
        _routing.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Counts the actor system's dead letters for <c>/metrics</c>.</summary>
    private sealed class DeadLetterCounter : ReceiveActor
    {
        public DeadLetterCounter(SupervisionMetrics metrics) => Receive<DeadLetter>(_ => metrics.DeadLetter());
    }
}
