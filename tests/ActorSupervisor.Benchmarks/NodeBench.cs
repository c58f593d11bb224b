using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Containers.Supervision;
using ActorSupervisor.Containers.Supervision.Serialization;
using ActorSupervisor.Persistence.Sql;
using ActorSupervisor.Persistence.Sql.Serialization;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// The supervision layer of a node (<see cref="ContainerHost"/>). With the fake runtime: decision latency from an
/// exit signal to the restart's start call at 10,000 containers (initial backoff 0), managed memory per supervised
/// container at 100,000 containers on SQLite, and the recovery (start-up) time of those 100,000 from SQLite. With
/// real processes: exit-to-running-again of a <c>restart=always</c> container with backoff 0 (on SQLite with
/// <c>synchronous=FULL</c>, with <c>NORMAL</c>, and on the in-memory journal), and the process's RSS
/// and idle CPU while it supervises 200 sleeping processes. <c>--quick</c> uses smaller counts, same names.
/// </summary>
public sealed class NodeBench : IBenchSuite
{
    private static readonly Backoff NoBackoff = new() { Initial = TimeSpan.Zero };

    /// <inheritdoc />
    public string Name => "node";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "asv-nodebench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            // The process's own RSS is measured first, before the density runs grow the heap.
            await SupervisedSleepsAsync(context, scratch);
            await ProcessRestartLatencyAsync(context, scratch, RestartJournal.SqliteFull);
            await ProcessRestartLatencyAsync(context, scratch, RestartJournal.SqliteNormal);
            await ProcessRestartLatencyAsync(context, scratch, RestartJournal.InMemory);
            await DecisionLatencyAsync(context);
            await DensityAndRecoveryAsync(context, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task DecisionLatencyAsync(BenchContext context)
    {
        var containers = context.Quick ? 2_000 : 10_000;
        var samples = context.Quick ? 500 : 3_000;
        var fake = new FakeRuntime(TimeProvider.System);
        var timed = new StartTimingRuntime(fake);
        await using var host = new ContainerHost(new ContainerHostOptions { NodeId = "bench" }, new InMemoryJournal(), new InMemorySnapshotStore(), [timed]);
        await host.StartAsync();
        var ids = await CreateManyAsync(host, containers, i => FakeSpec($"c{i}", RestartPolicy.Always) with { Backoff = NoBackoff });
        context.Report("node.decision.containers", containers, "containers");

        var latencies = new List<double>(samples);
        var random = new Random(42);
        for (var i = 0; i < samples + 100; i++)
        {
            var id = ids[random.Next(ids.Count)];
            await Until(() => fake.RunningCount == containers && host.InspectAsync(id).Result.State.Status == ContainerStatus.Running);
            var restarted = timed.NextStartOf(id);
            var exited = Stopwatch.GetTimestamp();
            fake.ExitNow(id, 1);
            var startCalled = await restarted;
            if (i >= 100) latencies.Add(Stopwatch.GetElapsedTime(exited, startCalled).TotalMilliseconds); // the first 100 warm up
        }
        context.Report("node.decision.p50_ms", Percentile(latencies, 0.50), "ms");
        context.Report("node.decision.p99_ms", Percentile(latencies, 0.99), "ms");
    }

    private static async Task DensityAndRecoveryAsync(BenchContext context, string scratch)
    {
        var count = context.Quick ? 10_000 : 100_000;
        var database = Path.Combine(scratch, "density.db");
        var fake = new FakeRuntime(TimeProvider.System);
        var options = new ContainerHostOptions { NodeId = "bench" };
        var before = ManagedBytes();
        {
            await using var persistence = await OpenAsync(database);
            var host = new ContainerHost(options, persistence.Journal, persistence.SnapshotStore, [fake]);
            await host.StartAsync();
            var started = Stopwatch.GetTimestamp();
            await CreateManyAsync(host, count, i => FakeSpec($"svc-{i}", RestartPolicy.UnlessStopped));
            context.Report("node.create.per_s", count / Stopwatch.GetElapsedTime(started).TotalSeconds, "containers/s");
            var after = ManagedBytes();
            // Everything the node holds per container: actor, state, directory entry, and the fake workload it supervises.
            context.Report("node.container.bytes", (after - before) / (double)count, "bytes");
            await host.StopAsync();
        }

        var registry = SupervisionEventTypes.Register(new EventTypeRegistry());
        await using var reopened = await SqlPersistence.OpenAsync(SqlPersistenceOptions.ForSqliteFile(database), registry);
        await using var recovered = new ContainerHost(options, reopened.Journal, reopened.SnapshotStore, [fake]);
        var recovery = Stopwatch.GetTimestamp();
        await recovered.StartAsync();
        var seconds = Stopwatch.GetElapsedTime(recovery).TotalSeconds;
        if (recovered.ContainerCount != count) throw new InvalidOperationException($"recovered {recovered.ContainerCount} of {count} containers");
        context.Report("node.recovery.containers", count, "containers");
        context.Report("node.recovery100k.seconds", seconds, "s");
    }

    /// <param name="context">Where the figures go.</param>
    /// <param name="scratch">The scratch directory.</param>
    /// <param name="kind">Which journal the restarts are recorded in.</param>
    private static async Task ProcessRestartLatencyAsync(BenchContext context, string scratch, RestartJournal kind)
    {
        var restarts = context.Quick ? 40 : 300;
        var (prefix, name) = kind switch
        {
            RestartJournal.SqliteFull => ("node.restart", "restart"),
            RestartJournal.SqliteNormal => ("node.restart_sync_normal", "restart-normal"),
            _ => ("node.restart_nofsync", "restart-mem"),
        };
        var synchronous = kind == RestartJournal.SqliteNormal ? SqliteSynchronous.Normal : SqliteSynchronous.Full;
        var runtimeOptions = ProcessOptions(scratch, name);
        await using var persistence = await OpenAsync(Path.Combine(scratch, name + ".db"), synchronous);
        await using var runtime = new ProcessRuntime(runtimeOptions);
        var durable = kind != RestartJournal.InMemory;
        IJournal journal = durable ? persistence.Journal : new InMemoryJournal();
        ISnapshotStore snapshots = durable ? persistence.SnapshotStore : new InMemorySnapshotStore();
        await using var host = new ContainerHost(new ContainerHostOptions { NodeId = "bench" }, journal, snapshots, [runtime]);
        await host.StartAsync();
        var spec = new ContainerSpec
        {
            Name = "flapper", Runtime = RuntimeKind.Process, Command = CommandLine.Exec("sleep", "0.05"),
            Restart = RestartPolicy.Always, Backoff = NoBackoff,
        };
        var flapper = await host.CreateAsync(spec, start: true);
        await Until(() => host.InspectAsync(flapper.Id).Result.State.RestartCount >= restarts + 5, TimeSpan.FromMinutes(5));
        await host.SendAsync(flapper.Id, new ContainerCommand.Stop());

        // Exit (as the runtime saw it) to the next start's record, from the persisted history.
        var gaps = new List<double>();
        ContainerEvent.Died? exit = null;
        foreach (var entry in await host.HistoryAsync(flapper.Id))
        {
            switch (entry.Event)
            {
                case ContainerEvent.Died { RestartPending: true } died:
                    exit = died;
                    break;
                case ContainerEvent.Started started when exit is not null:
                    gaps.Add((started.At - exit.At).TotalMilliseconds);
                    exit = null;
                    break;
            }
        }
        gaps = gaps.Skip(5).ToList(); // warm-up
        context.Report(prefix + ".samples", gaps.Count, "restarts");
        context.Report(prefix + ".p50_ms", Percentile(gaps, 0.50), "ms");
        context.Report(prefix + ".p99_ms", Percentile(gaps, 0.99), "ms");
        var writes = host.Metrics.JournalWriteLatency.Snapshot();
        context.Report(prefix + ".journal_write_mean_ms", writes.SumSeconds / Math.Max(1, writes.Count) * 1000, "ms");
        await host.StopAsync();
        RemoveCgroupParent(runtimeOptions.CgroupParent);
    }

    private static async Task SupervisedSleepsAsync(BenchContext context, string scratch)
    {
        const int count = 200;
        var window = context.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);
        var runtimeOptions = ProcessOptions(scratch, "sleeps") with { TailLines = 20 };
        await using var persistence = await OpenAsync(Path.Combine(scratch, "sleeps.db"));
        await using var runtime = new ProcessRuntime(runtimeOptions);
        var options = new ContainerHostOptions { NodeId = "bench", StopWorkloadsOnShutdown = true };
        await using var host = new ContainerHost(options, persistence.Journal, persistence.SnapshotStore, [runtime]);
        await host.StartAsync();
        await CreateManyAsync(host, count, i => new ContainerSpec
        {
            Name = $"sleep-{i}", Runtime = RuntimeKind.Process, Command = CommandLine.Exec("sleep", "3600"), Restart = RestartPolicy.Always,
        });
        var running = host.Metrics.ContainersByStatus()[ContainerStatus.Running];
        if (running != count) throw new InvalidOperationException($"only {running} of {count} sleeps run");
        // Idle means steady state: the creates' tiered JIT and the runtime's first cleanups take about 15 s to settle,
        // and the GC is asked once to hand back what start-up used, as it does by itself over a long-running node's life.
        await Task.Delay(TimeSpan.FromSeconds(15));
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        // No polling inside the window: reading /proc from here would be the only work the process does.
        await Task.Delay(window);
        self.Refresh();
        var cpuPercent = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
        var rss = self.WorkingSet64 / (1024.0 * 1024);
        context.Report("node.rss200.mib", rss, "MiB");
        context.Report("node.idlecpu200.pct", cpuPercent, "%");
        await host.StopAsync();
        RemoveCgroupParent(runtimeOptions.CgroupParent);
    }

    private static async Task<List<string>> CreateManyAsync(ContainerHost host, int count, Func<int, ContainerSpec> spec)
    {
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (i, ct) =>
            ids.Add((await host.CreateAsync(spec(i), start: true, ct)).Id));
        return [.. ids];
    }

    private static ContainerSpec FakeSpec(string name, RestartPolicy policy) =>
        new() { Name = name, Runtime = RuntimeKind.Fake, Command = CommandLine.Exec("fake"), Restart = policy };

    private static Task<SqlPersistence> OpenAsync(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full) =>
        SqlPersistence.OpenAsync(SqlPersistenceOptions.ForSqliteFile(path) with { SqliteSynchronous = synchronous },
            SupervisionEventTypes.Register(new EventTypeRegistry()));

    private static ProcessRuntimeOptions ProcessOptions(string scratch, string name) => new()
    {
        LogDirectory = Path.Combine(scratch, name + "-logs"),
        CgroupParent = "asv-nodebench-" + name + "-" + Path.GetFileName(scratch),
    };

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task Until(Func<bool> condition, TimeSpan? deadline = null)
    {
        var until = Stopwatch.GetTimestamp() + (long)((deadline ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > until) throw new TimeoutException("a benchmark condition was not met in time");
            await Task.Yield();
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static void RemoveCgroupParent(string parent)
    {
        foreach (var mount in new[] { "/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup" })
        {
            var directory = Path.Combine(mount, parent);
            if (!Directory.Exists(directory)) continue;
            foreach (var child in Directory.GetDirectories(directory))
            {
                try
                {
                    Directory.Delete(child);
                }
                catch (IOException)
                {
                    // A cgroup still holding a process cannot go; the next run's parent has another name.
                }
            }
            try
            {
                Directory.Delete(directory);
            }
            catch (IOException)
            {
                // As above.
            }
        }
    }

    /// <summary>The journal a restart-latency run records in.</summary>
    private enum RestartJournal
    {
        /// <summary>SQLite with <c>synchronous=FULL</c>: each of the three writes of a restart waits for an fsync.</summary>
        SqliteFull,

        /// <summary>SQLite with <c>synchronous=NORMAL</c>: the same writes, without the fsync.</summary>
        SqliteNormal,

        /// <summary>The in-memory journal: the supervision path alone.</summary>
        InMemory,
    }

    /// <summary>The fake runtime, noting when the supervisor calls start for a container: the end of a restart decision.</summary>
    private sealed class StartTimingRuntime(FakeRuntime inner) : IContainerRuntime
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);

        public RuntimeKind Kind => inner.Kind;

        public RuntimeCapabilities Capabilities => inner.Capabilities;

        public ChannelReader<RuntimeSignal> Signals => inner.Signals;

        public Task<long> NextStartOf(string containerId) =>
            _waiting.GetOrAdd(containerId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public Task<WorkloadHandle> StartAsync(string containerId, ContainerSpec spec, CancellationToken cancellationToken = default)
        {
            var now = Stopwatch.GetTimestamp();
            if (_waiting.TryRemove(containerId, out var waiter)) waiter.TrySetResult(now);
            return inner.StartAsync(containerId, spec, cancellationToken);
        }

        public Task StopAsync(WorkloadHandle handle, string signal, TimeSpan timeout, CancellationToken cancellationToken = default) =>
            inner.StopAsync(handle, signal, timeout, cancellationToken);

        public Task KillAsync(WorkloadHandle handle, string signal, CancellationToken cancellationToken = default) => inner.KillAsync(handle, signal, cancellationToken);

        public Task PauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => inner.PauseAsync(handle, cancellationToken);

        public Task UnpauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => inner.UnpauseAsync(handle, cancellationToken);

        public Task<ProbeResult> ExecProbeAsync(WorkloadHandle handle, CommandLine probe, TimeSpan timeout, CancellationToken cancellationToken = default) =>
            inner.ExecProbeAsync(handle, probe, timeout, cancellationToken);

        public Task<WorkloadStatus> InspectAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => inner.InspectAsync(handle, cancellationToken);

        public Task<WorkloadStatus> AdoptAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => inner.AdoptAsync(handle, cancellationToken);

        public IAsyncEnumerable<LogLine> ReadLogsAsync(string containerId, LogQuery query, CancellationToken cancellationToken = default) =>
            inner.ReadLogsAsync(containerId, query, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
