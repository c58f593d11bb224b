using System.Diagnostics;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Persistence;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using Microsoft.Data.Sqlite;
using static ActorSupervisor.Benchmarks.BenchSupport;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// <c>./bench.sh journal</c>: Akka.Persistence.Sql on SQLite (synchronous=full) and PostgreSQL, driven the way the node
/// drives it: persistent actors writing <see cref="ContainerEvent"/>s (container serializer) through a bare actor
/// system with the store's configuration (<see cref="StoreSettings.ToActorSystemSetup"/>). Per dialect: events/s with
/// 1, 10 and 100 writers (one persist in flight each), p50/p99 persist latency, replay speed (actor recovery), and
/// recovery of N containers × 20 events with a snapshot at 15 and without snapshots (N = 100,000; 10,000 with --quick).
/// PostgreSQL comes from ASV_TEST_PG, or the suite starts tests/services/postgres.sh itself. Its parts, for
/// <c>--only=</c>: DIALECT.writers (or one count of them: DIALECT.writers100), DIALECT.parallelism, DIALECT.replay, DIALECT.recovery (DIALECT: sqlite or pg).
/// </summary>
public sealed class JournalBench : IBenchSuite
{
    private const int EventsPerContainer = 20;
    private const int SnapshotAt = 15;

    private static readonly Config SystemConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        """);

    private static readonly ContainerSpec Spec = new() { Name = "bench", Command = CommandLine.Exec("sleep", "1") };

    /// <inheritdoc />
    public string Name => "journal";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context)
    {
        var workDirectory = Directory.CreateTempSubdirectory("asv-journal-bench-").FullName;
        try
        {
            await RunDialectAsync(context, "sqlite", () => Task.FromResult(StoreSettings.ForSqliteFile(Path.Combine(workDirectory, $"{Guid.NewGuid():N}.db"))));
            if (!new[] { "writers", "writers1", "writers10", "writers100", "parallelism", "replay", "recovery" }.Any(part => context.Runs("pg." + part))) return;
            await using var postgres = await BenchPostgres.StartAsync();
            await RunDialectAsync(context, "pg", postgres.NewDatabaseAsync);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private static async Task RunDialectAsync(BenchContext context, string dialect, Func<Task<StoreSettings>> newDatabase)
    {
        foreach (var writers in new[] { 1, 10, 100 }.Where(w => context.Runs(dialect + ".writers") || context.Runs($"{dialect}.writers{w}")))
        {
            var total = writers switch { 1 => context.Quick ? 1_000 : 3_000, 10 => context.Quick ? 5_000 : 20_000, _ => context.Quick ? 20_000 : 100_000 };
            var counter = new SqlCounter();
            await using var system = await BenchSystem.StartAsync(await newDatabase(), counter);
            var (perSecond, latencies, cpuUs) = await ConcurrentWritersAsync(system.System, writers, total / writers, counter);
            context.Report($"journal.{dialect}.events_per_s.{writers}w", perSecond, "events/s");
            // The node's own CPU per event (every thread, the database's server process not included): with the machine's
            // cores that bounds events/s from above whatever the disk and the load, so it is comparable between runs.
            context.Report($"journal.{dialect}.cpu_us_per_event.{writers}w", cpuUs, "us");
            if (writers == 100) Note($"journal.{dialect}.events_per_s.100w target >= 20,000; load {LoadAverage()}");
            Note($"journal.{dialect}.{writers}w: {total / writers * writers} events; {counter.Describe()}");
            context.Report($"journal.{dialect}.persist_p50_ms.{writers}w", Percentile(latencies, 0.50), "ms");
            context.Report($"journal.{dialect}.persist_p99_ms.{writers}w", Percentile(latencies, 0.99), "ms");
        }
        if (context.Runs(dialect + ".parallelism"))
        {
            // The store's choice of concurrent write transactions against the other one (SQLite 1 against the plugin's 3,
            // PostgreSQL the plugin's 3 against 1): the same 100 writers, so the two figures sit side by side.
            var parallelism = dialect == "sqlite" ? 3 : 1;
            var counter = new SqlCounter();
            var total = context.Quick ? 20_000 : 100_000;
            await using var system = await BenchSystem.StartAsync(await newDatabase(), counter,
                ConfigurationFactory.ParseString($"akka.persistence.journal.sql.parallelism = {parallelism}"));
            var (perSecond, latencies, _) = await ConcurrentWritersAsync(system.System, 100, total / 100, counter);
            var name = $"journal.{dialect}_parallelism{parallelism}";
            context.Report($"{name}.events_per_s.100w", perSecond, "events/s");
            context.Report($"{name}.persist_p50_ms.100w", Percentile(latencies, 0.50), "ms");
            context.Report($"{name}.persist_p99_ms.100w", Percentile(latencies, 0.99), "ms");
            Note($"{name}: the same 100 writers with akka.persistence.journal.sql.parallelism = {parallelism}; {counter.Describe()}; load {LoadAverage()}");
        }
        if (context.Runs(dialect + ".replay"))
        {
            await using var system = await BenchSystem.StartAsync(await newDatabase());
            context.Report($"journal.{dialect}.replay_events_per_s", await ReplaySpeedAsync(system.System, context.Quick ? 50_000 : 200_000), "events/s");
            Note($"journal.{dialect}.replay_events_per_s: 10 actors recovering at once (Akka recovery); load {LoadAverage()}");
        }
        if (context.Runs(dialect + ".recovery"))
        {
            await using var system = await BenchSystem.StartAsync(await newDatabase());
            var containers = context.Quick ? 2_000 : 100_000;
            var ids = await PopulateContainersAsync(system.System, containers);
            var withSnapshots = await RecoverAsync(system.System, ids, useSnapshots: true, "a");
            var withoutSnapshots = await RecoverAsync(system.System, ids, useSnapshots: false, "b");
            Console.Error.WriteLine($"journal.{dialect}: recovered {containers} containers × {EventsPerContainer} events");
            context.Report($"journal.{dialect}.recovery100k.seconds", withSnapshots, "s");
            context.Report($"journal.{dialect}.recovery100k_no_snapshots.seconds", withoutSnapshots, "s");
            // The headline figure is the embedded default's.
            if (dialect == "sqlite") context.Report("journal.recovery100k.seconds", withSnapshots, "s");
            if (context.Quick) Note($"--quick: journal.{dialect}.recovery100k* measured at {containers:N0} containers, not 100,000");
        }
    }

    /// <summary><paramref name="writers"/> persistent actors each persisting <paramref name="eventsEach"/> events one at a time.</summary>
    private static async Task<(double PerSecond, double[] LatenciesMs, double CpuUsPerEvent)> ConcurrentWritersAsync(ActorSystem system, int writers, int eventsEach, SqlCounter counter)
    {
        var latencies = new double[writers][];
        var done = new Task[writers];
        var actors = new IActorRef[writers];
        for (var w = 0; w < writers; w++)
        {
            latencies[w] = new double[eventsEach];
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done[w] = completion.Task;
            var (mine, id) = (latencies[w], ContainerPersistenceIds.Of($"writer-{w}"));
            actors[w] = system.ActorOf(Props.Create(() => new Writer(id, mine, completion)));
        }
        // Let every writer recover (an empty stream) before the clock starts.
        await Task.WhenAll(actors.Select(a => a.Ask<Ready>(Ready.Instance, TimeSpan.FromMinutes(1))));
        counter.Reset();
        var cpu = ProcessUsage().Cpu;
        var clock = Stopwatch.StartNew();
        foreach (var actor in actors) actor.Tell(Next.Instance);
        await Task.WhenAll(done).WaitAsync(TimeSpan.FromMinutes(10));
        var elapsed = clock.Elapsed;
        var cpuUs = (ProcessUsage().Cpu - cpu).TotalMicroseconds / (writers * eventsEach);
        return (writers * eventsEach / elapsed.TotalSeconds, latencies.SelectMany(l => l).ToArray(), cpuUs);
    }

    private static async Task<double> ReplaySpeedAsync(ActorSystem system, int events)
    {
        const int actors = 10, perWrite = 500;
        var perActor = events / actors;
        await Task.WhenAll(Enumerable.Range(0, actors).Select(a =>
        {
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var id = ContainerPersistenceIds.Of($"replay-{a}");
            system.ActorOf(Props.Create(() => new BulkWriter(id, perActor, perWrite, completion)));
            return completion.Task;
        }));
        await ReplayAllAsync(system, actors, "warm"); // warm-up: JIT and page cache, so the timed pass measures the steady state
        var clock = Stopwatch.StartNew();
        var replayed = await ReplayAllAsync(system, actors, "timed");
        var elapsed = clock.Elapsed;
        if (replayed != perActor * actors) throw new InvalidOperationException($"replayed {replayed} of {perActor * actors} events");
        return replayed / elapsed.TotalSeconds;
    }

    private static async Task<long> ReplayAllAsync(ActorSystem system, int actors, string pass)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, actors).Select(a =>
        {
            var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var id = ContainerPersistenceIds.Of($"replay-{a}");
            system.ActorOf(Props.Create(() => new Recoverer(id, true, completion)), $"replay-{pass}-{a}");
            return completion.Task;
        }));
        return counts.Sum();
    }

    private static async Task<string[]> PopulateContainersAsync(ActorSystem system, int containers)
    {
        var ids = Enumerable.Range(0, containers).Select(i => ContainerPersistenceIds.Of($"c{i:D6}")).ToArray();
        var clock = Stopwatch.StartNew();
        // Setup, not a measured figure: 1,000 containers at a time, each writing 15 events, a snapshot, then 5 more.
        foreach (var chunk in ids.Chunk(1000))
        {
            await Task.WhenAll(chunk.Select(id =>
            {
                var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                system.ActorOf(Props.Create(() => new ContainerWriter(id, completion)));
                return completion.Task;
            }));
        }
        Console.Error.WriteLine($"populated {containers} containers in {clock.Elapsed.TotalSeconds:0.0} s");
        return ids;
    }

    /// <summary>Every container recovers (snapshot plus the events after it, or every event); Akka limits concurrent recoveries.</summary>
    private static async Task<double> RecoverAsync(ActorSystem system, string[] ids, bool useSnapshots, string pass)
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(ids.Select(id =>
        {
            var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new Recoverer(id, useSnapshots, completion)), $"recover-{pass}-{id}");
            return completion.Task;
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var expected = (long)ids.Length * (useSnapshots ? EventsPerContainer - SnapshotAt : EventsPerContainer);
        if (counts.Sum() != expected) throw new InvalidOperationException($"recovered {counts.Sum()} events, expected {expected}");
        return elapsed;
    }

    /// <summary>The <paramref name="count"/> events of a flapping container's life from <paramref name="from"/> on (1 is its creation).</summary>
    private static IEnumerable<ContainerEvent> Events(long from, int count)
    {
        var now = DateTimeOffset.UtcNow;
        for (var seq = from; seq < from + count; seq++)
        {
            yield return seq == 1
                ? new ContainerEvent.Created(now, Spec)
                : ((seq - 2) % 3) switch
                {
                    0 => new ContainerEvent.Started(now, "4242", 4242, seq, ByPolicy: seq > 2),
                    1 => new ContainerEvent.Died(now, 1, TimeSpan.FromSeconds(1), false, null, RestartPending: true),
                    _ => new ContainerEvent.Restarting(now, (int)seq / 3, TimeSpan.Zero, TimeSpan.Zero, ByPolicy: true, "restart policy always"),
                };
        }
    }

    private sealed class Ready
    {
        public static Ready Instance { get; } = new();
    }

    private sealed class Next
    {
        public static Next Instance { get; } = new();
    }

    /// <summary>Persists one event at a time, the next once the previous is acknowledged, noting each persist's latency.</summary>
    private sealed class Writer(string persistenceId, double[] latencies, TaskCompletionSource done) : UntypedPersistentActor
    {
        private int _written;
        private long _started;

        public override string PersistenceId => persistenceId;

        protected override void OnRecover(object message)
        {
        }

        protected override void OnCommand(object message)
        {
            switch (message)
            {
                case Ready:
                    Sender.Tell(Ready.Instance);
                    break;
                case Next:
                    _started = Stopwatch.GetTimestamp();
                    Persist(Events(LastSequenceNr + 1, 1).First(), _ =>
                    {
                        latencies[_written++] = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
                        if (_written < latencies.Length) Self.Tell(Next.Instance);
                        else done.TrySetResult();
                    });
                    break;
            }
        }
    }

    /// <summary>Writes <paramref name="total"/> events in atomic writes of <paramref name="perWrite"/>, for the replay figure.</summary>
    private sealed class BulkWriter : UntypedPersistentActor
    {
        private readonly int _total;
        private readonly int _perWrite;
        private readonly TaskCompletionSource _done;

        public BulkWriter(string persistenceId, int total, int perWrite, TaskCompletionSource done)
        {
            PersistenceId = persistenceId;
            (_total, _perWrite, _done) = (total, perWrite, done);
        }

        public override string PersistenceId { get; }

        protected override void OnRecover(object message)
        {
            if (message is RecoveryCompleted) Self.Tell(Next.Instance);
        }

        protected override void OnCommand(object message)
        {
            if (message is not Next) return;
            var batch = Events(LastSequenceNr + 1, (int)Math.Min(_perWrite, _total - LastSequenceNr)).ToList();
            var last = batch[^1];
            PersistAll(batch, e =>
            {
                if (!ReferenceEquals(e, last)) return;
                if (LastSequenceNr < _total) Self.Tell(Next.Instance);
                else
                {
                    _done.TrySetResult();
                    Context.Stop(Self);
                }
            });
        }
    }

    /// <summary>A container's life: 15 events, a snapshot of the state they lead to, then 5 more.</summary>
    private sealed class ContainerWriter : UntypedPersistentActor
    {
        private readonly TaskCompletionSource _done;
        private ContainerState _state = ContainerState.Empty;

        public ContainerWriter(string persistenceId, TaskCompletionSource done)
        {
            PersistenceId = persistenceId;
            _done = done;
        }

        public override string PersistenceId { get; }

        protected override void OnRecover(object message)
        {
            if (message is RecoveryCompleted) Write(SnapshotAt);
        }

        protected override void OnCommand(object message)
        {
            switch (message)
            {
                case SaveSnapshotSuccess:
                    Write(EventsPerContainer - SnapshotAt);
                    break;
                case SaveSnapshotFailure failure:
                    _done.TrySetException(failure.Cause);
                    break;
            }
        }

        private void Write(int count)
        {
            var batch = Events(LastSequenceNr + 1, count).ToList();
            var last = batch[^1];
            PersistAll(batch, e =>
            {
                _state = _state.Apply(e);
                if (!ReferenceEquals(e, last)) return;
                if (LastSequenceNr == SnapshotAt) SaveSnapshot(_state);
                else
                {
                    _done.TrySetResult();
                    Context.Stop(Self);
                }
            });
        }

        // A failed write stops the actor: the setup fails loudly instead of waiting forever.
        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _done.TrySetException(cause);
            base.OnPersistFailure(cause, @event, sequenceNr);
        }
    }

    /// <summary>Recovers (from its latest snapshot, or from the first event), counts the events replayed, and stops.</summary>
    private sealed class Recoverer : UntypedPersistentActor
    {
        private readonly bool _useSnapshots;
        private readonly TaskCompletionSource<long> _done;
        private long _events;

        public Recoverer(string persistenceId, bool useSnapshots, TaskCompletionSource<long> done)
        {
            PersistenceId = persistenceId;
            (_useSnapshots, _done) = (useSnapshots, done);
        }

        public override string PersistenceId { get; }

        public override Recovery Recovery => _useSnapshots ? Recovery.Default : new Recovery(SnapshotSelectionCriteria.None);

        protected override void OnRecover(object message)
        {
            switch (message)
            {
                case ContainerEvent:
                    _events++;
                    break;
                case RecoveryCompleted:
                    _done.TrySetResult(_events);
                    Context.Stop(Self);
                    break;
            }
        }

        protected override void OnCommand(object message)
        {
        }

        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            _done.TrySetException(reason);
            base.OnRecoveryFailure(reason, message);
        }
    }

    /// <summary>A bare actor system on one store: <see cref="StoreSettings.ToActorSystemSetup"/> and nothing else.</summary>
    private sealed class BenchSystem : IAsyncDisposable
    {
        private BenchSystem(ActorSystem system) => System = system;

        public ActorSystem System { get; }

        public static Task<BenchSystem> StartAsync(StoreSettings store, SqlCounter? counter = null, Config? overrides = null)
        {
            if (counter is null) return Task.FromResult(new BenchSystem(ActorSystem.Create("journal-bench", store.ToActorSystemSetup(SystemConfig))));
            // The store's own setup, with the counter added to the linq2db options every plugin connects with.
            var setup = BootstrapSetup.Create().WithConfig((overrides ?? Config.Empty).WithFallback(store.ToConfig()).WithFallback(SystemConfig))
                .And(new DataOptionsSetup(store.ToDataOptions().UseInterceptor(counter).UseInterceptor(counter.Connection)));
            return Task.FromResult(new BenchSystem(ActorSystem.Create("journal-bench", setup)));
        }

        public async ValueTask DisposeAsync() => await System.Terminate();
    }
}
