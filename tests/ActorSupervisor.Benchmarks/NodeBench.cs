using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Supervision.Scheduling;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using static ActorSupervisor.Benchmarks.BenchSupport;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// <c>./bench.sh node</c>: the supervision layer of a node (<see cref="ContainerHost"/> on Akka.NET and
/// Akka.Persistence.Sql). With real processes: what 200 sleeping workloads cost in steady state (RSS, PSS, CPU,
/// context switches), and the restart latency of a <c>restart=always</c> container with backoff 0, as the workload
/// sees it (its own stamps) and as the node's events record it. With the fake runtime: decision latency from an exit
/// signal to the restart's start call, managed memory per container, and recovery (start-up) time of 10,000
/// containers on SQLite and PostgreSQL and of 100,000 on SQLite. <c>--quick</c> uses smaller counts and shorter
/// windows and says so in note lines; it skips the 100,000-container run. Its parts, for <c>--only=</c>: sleeps,
/// restart, decision, density (SQLite, and the 100,000 run), postgres.
/// </summary>
public sealed class NodeBench : IBenchSuite
{
    private static readonly Backoff NoBackoff = new() { Initial = TimeSpan.Zero };

    // The decision benchmark's journal: Akka's in-memory one, as the old bench's InMemoryJournal (the supervision path alone).
    private static readonly Config InMemoryJournal = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <inheritdoc />
    public string Name => "node";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "asv-nodebench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            // The process's own memory is measured first, before the density runs grow the heap.
            if (context.Runs("sleeps")) await SupervisedSleepsAsync(context, scratch);
            if (context.Runs("restart")) await ProcessRestartLatencyAsync(context, scratch, SqliteSynchronous.Full, "node.restart", "restart");
            if (context.Runs("restart")) await ProcessRestartLatencyAsync(context, scratch, SqliteSynchronous.Normal, "node.restart_sync_normal", "restart-normal");
            if (context.Runs("decision")) await DecisionLatencyAsync(context, scratch);
            if (context.Runs("density"))
                await DensityAndRecoveryAsync(context, StoreSettings.ForSqliteFile(Path.Combine(scratch, "density10k.db")), 10_000, "", density: context.Quick);
            if (context.Runs("postgres"))
            {
                await using var postgres = await BenchPostgres.StartAsync();
                await DensityAndRecoveryAsync(context, await postgres.NewDatabaseAsync(), 10_000, "_pg", density: false);
            }
            if (!context.Runs("density")) return;
            if (!context.Quick)
                await DensityAndRecoveryAsync(context, StoreSettings.ForSqliteFile(Path.Combine(scratch, "density100k.db")), 100_000, "", density: true);
            else
                Note("--quick: node.recovery100k.seconds skipped; node.container.bytes measured at 10,000 containers, not 100,000");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>200 sleeping workloads in steady state: the supervisor's RSS, PSS, CPU and context switches over an idle window.</summary>
    private static async Task SupervisedSleepsAsync(BenchContext context, string scratch)
    {
        const int count = 200;
        var settle = context.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(15);
        var window = context.Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(30);
        var runtimeOptions = ProcessOptions(scratch, "sleeps") with { TailLines = 20 };
        await using var runtime = new ProcessRuntime(runtimeOptions);
        var options = new ContainerHostOptions { NodeId = "bench", StopWorkloadsOnShutdown = true };
        await using var host = new ContainerHost(options, StoreSettings.ForSqliteFile(Path.Combine(scratch, "sleeps.db")), [runtime]);
        await host.StartAsync();
        await CreateManyAsync(host, count, i => new ContainerSpec
        {
            Name = $"sleep-{i}", Runtime = RuntimeKind.Process, Command = CommandLine.Exec("sleep", "3600"), Restart = RestartPolicy.Always,
        });
        var running = host.Metrics.ContainersByStatus()[ContainerStatus.Running];
        if (running != count) throw new InvalidOperationException($"only {running} of {count} sleeps run");
        // Steady state: the creates' JIT tiering and first cleanups settle first. No forced GC: the heap is what the node has.
        // On a loaded machine the background JIT needs longer, and works in bursts (methods run by once-a-second timers
        // reach the tier-up count only after half a minute): wait (up to two minutes more) until it used no CPU for 5 s.
        await Task.Delay(settle);
        var settled = Stopwatch.StartNew();
        for (var jit = JitTicks(); settled.Elapsed < TimeSpan.FromMinutes(2);)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var now = JitTicks();
            if (now == jit) break;
            jit = now;
        }
        settle += settled.Elapsed;
        var threadsBefore = ThreadTicks();
        var wakesBefore = ThreadWakes();
        var scheduler = host.System.Scheduler as DeadlineScheduler;
        var schedulerWakesBefore = scheduler?.WakeCount ?? 0;
        var before = ProcessUsage();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcsBefore = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        // No polling inside the window: reading /proc from here would be the only work the process does.
        await Task.Delay(window);
        var after = ProcessUsage();
        var seconds = wall.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var gcs = GC.CollectionCount(0) - gcsBefore;
        var threadsAfter = ThreadTicks();
        var wakesAfter = ThreadWakes();
        var schedulerWakes = (scheduler?.WakeCount ?? 0) - schedulerWakesBefore;
        var (rss, pss) = SmapsRollup();
        context.Report("node.rss200.mib", rss / 1024.0, "MiB");
        Note($"node.rss200.mib target <= 80; load {LoadAverage()}; {MemoryBreakdown()}");
        context.Report("node.pss200.mib", pss / 1024.0, "MiB");
        context.Report("node.idlecpu200.pct", (after.Cpu - before.Cpu).TotalSeconds / seconds * 100, "%");
        Note($"node.idlecpu200.pct target <= 0.1; window {window.TotalSeconds:0} s after {settle.TotalSeconds:0} s settling");
        context.Report("node.ctxsw200.per_s", (after.Switches - before.Switches) / seconds, "switches/s");
        Note(FormattableString.Invariant(
            $"node.ctxsw200.per_s target <= 100 (voluntary {(after.VoluntarySwitches - before.VoluntarySwitches) / seconds:0.#}/s, involuntary {(after.InvoluntarySwitches - before.InvoluntarySwitches) / seconds:0.#}/s; getrusage RUSAGE_SELF); threads {Process.GetCurrentProcess().Threads.Count}"));
        Note($"idle CPU by thread over the window (10 ms ticks): {ThreadCpu(threadsBefore, threadsAfter)}");
        // What an idle node allocates: each kilobyte brings the next collection (and its threads' wake-ups) nearer.
        Note(FormattableString.Invariant($"idle allocation {allocated / seconds / 1024:0.#} KiB/s, {gcs} collections in the window"));
        // What wakes an idle node: each thread's wake-ups, and the scheduler's repeating tasks (Akka's cluster and sharding ticks).
        Note($"idle wake-ups by thread: {ThreadWakeRates(wakesBefore, wakesAfter, seconds)}");
        if (scheduler is not null)
            Note(FormattableString.Invariant($"scheduler wake-ups {schedulerWakes / seconds:0.#}/s; repeating tasks: ") + string.Join("; ", scheduler.RepeatingTasks()
                .GroupBy(t => t.Interval).OrderBy(g => g.Key)
                .Select(g => FormattableString.Invariant($"every {g.Key.TotalSeconds:0.###} s: {string.Join(", ", g.Select(t => t.Task))}"))));
        await host.StopAsync();
        RemoveCgroupParent(runtimeOptions.CgroupParent);
    }

    private static long JitTicks() => ThreadTicks().Values.Where(t => t.Name.StartsWith(".NET Tiered", StringComparison.Ordinal)).Sum(t => t.Ticks);

    /// <summary>
    /// Exit-to-running-again of a <c>restart=always</c> bash loop with backoff 0. The workload stamps its start and
    /// the moment right before it exits with bash's own clock ($EPOCHREALTIME, no fork); the node's events give
    /// the die and start times it recorded. Workload-observed gap = exit stamp to the next start stamp.
    /// </summary>
    private static async Task ProcessRestartLatencyAsync(BenchContext context, string scratch, SqliteSynchronous synchronous, string prefix, string name)
    {
        var restarts = context.Quick ? 40 : 300;
        var stamps = Path.Combine(scratch, name + ".stamps");
        var runtimeOptions = ProcessOptions(scratch, name);
        await using var runtime = new ProcessRuntime(runtimeOptions);
        await using var host = new ContainerHost(new ContainerHostOptions { NodeId = "bench" },
            StoreSettings.ForSqliteFile(Path.Combine(scratch, name + ".db"), synchronous), [runtime]);
        await host.StartAsync();
        var script = FlapScript(stamps);
        var spec = new ContainerSpec
        {
            Name = "flapper", Runtime = RuntimeKind.Process, Command = CommandLine.Exec("bash", "-c", script),
            Restart = RestartPolicy.Always, Backoff = NoBackoff,
        };
        var flapper = await host.CreateAsync(spec, start: true);
        await Until(() => host.InspectAsync(flapper.Id).Result.State.RestartCount >= restarts + 5, TimeSpan.FromMinutes(5));
        await host.SendAsync(flapper.Id, new ContainerCommand.Stop());

        var history = await host.HistoryAsync(flapper.Id);
        var started = history.Select(h => h.Event).OfType<ContainerEvent.Started>().Select(e => e.At).ToList();
        var died = history.Select(h => h.Event).OfType<ContainerEvent.Died>().ToList();
        var (startStamps, exitStamps) = ReadStamps(stamps);
        // Run k: Started[k] / start stamp k, then exit stamp k / Died[k]; restart k is exit k to start k+1.
        var workload = new List<double>();
        var events = new List<double>();
        var detect = new List<double>();
        var spawn = new List<double>();
        for (var k = 5; k + 1 < started.Count && k + 1 < startStamps.Count && k < exitStamps.Count && k < died.Count; k++) // the first 5 warm up
        {
            if (!died[k].RestartPending) continue;
            workload.Add((startStamps[k + 1] - exitStamps[k]).TotalMilliseconds);
            events.Add((started[k + 1] - died[k].At).TotalMilliseconds);
            detect.Add((died[k].At - exitStamps[k]).TotalMilliseconds);
            spawn.Add((startStamps[k + 1] - started[k + 1]).TotalMilliseconds);
        }
        var durability = synchronous == SqliteSynchronous.Full ? "SQLite synchronous=full" : "SQLite synchronous=normal";
        context.Report(prefix + ".samples", workload.Count, "restarts");
        context.Report(prefix + ".p50_ms", Percentile(workload, 0.50), "ms");
        if (prefix == "node.restart")
        {
            Note($"node.restart.p50_ms target <= 5 (workload-observed: exit stamp to next start stamp; {durability}; load {LoadAverage()})");
            // The number to beat on this machine at this moment: bash itself restarting the same script in a loop (the
            // issue's anchor, 2.5 ms, was measured on a quieter machine; process creation here varies with the load).
            context.Report("node.restart_bare_loop.p50_ms", Percentile(await BareLoopGapsAsync(restarts, Path.Combine(scratch, name + ".loop")), 0.50), "ms");
        }
        context.Report(prefix + ".p99_ms", Percentile(workload, 0.99), "ms");
        context.Report(prefix + "_events.p50_ms", Percentile(events, 0.50), "ms");
        context.Report(prefix + "_events.p99_ms", Percentile(events, 0.99), "ms");
        // Where the workload-observed gap goes: exit seen by the runtime (die event time), decision + writes + start call, spawn.
        context.Report(prefix + "_detect.p50_ms", Percentile(detect, 0.50), "ms");
        context.Report(prefix + "_spawn.p50_ms", Percentile(spawn, 0.50), "ms");
        var writes = host.Metrics.JournalWriteLatency.Snapshot();
        context.Report(prefix + ".journal_write_mean_ms", writes.SumSeconds / Math.Max(1, writes.Count) * 1000, "ms");
        await host.StopAsync();
        RemoveCgroupParent(runtimeOptions.CgroupParent);
    }

    /// <summary>The flapping workload: stamps its start and the moment before its exit with bash's own clock ($EPOCHREALTIME, no fork).</summary>
    private static string FlapScript(string stamps) => $"echo s$EPOCHREALTIME >> '{stamps}'; sleep 0.05; echo e$EPOCHREALTIME >> '{stamps}'; exit 1";

    /// <summary>Exit stamp to next start stamp of the flapping workload run <paramref name="runs"/> times by a bash loop, no supervisor.</summary>
    private static async Task<List<double>> BareLoopGapsAsync(int runs, string stamps)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { "-c", $"for i in $(seq {runs}); do bash -c \"$0\"; done", FlapScript(stamps) } };
        using var loop = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        await loop.WaitForExitAsync();
        var (starts, exits) = ReadStamps(stamps);
        return Enumerable.Range(5, Math.Min(starts.Count, exits.Count + 1) - 6).Select(k => (starts[k + 1] - exits[k]).TotalMilliseconds).ToList();
    }

    private static (List<DateTimeOffset> Starts, List<DateTimeOffset> Exits) ReadStamps(string path)
    {
        var starts = new List<DateTimeOffset>();
        var exits = new List<DateTimeOffset>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length < 2 || !decimal.TryParse(line.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)) continue;
            var at = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
            (line[0] == 's' ? starts : exits).Add(at);
        }
        return (starts, exits);
    }

    /// <summary>
    /// From the fake runtime's exit signal to the supervisor's start call for the restart (backoff 0), at 10,000
    /// containers (2,000 with --quick). The start call comes after the die and its restart decision are persisted,
    /// so this bounds exit-to-persisted-decision from above. On the in-memory journal (as the old bench) and on SQLite.
    /// </summary>
    private static async Task DecisionLatencyAsync(BenchContext context, string scratch)
    {
        var containers = context.Quick ? 2_000 : 10_000;
        var samples = context.Quick ? 500 : 3_000;
        foreach (var (prefix, akka, synchronous) in new[]
                 {
                     ("node.decision", InMemoryJournal, SqliteSynchronous.Full),
                     ("node.decision_sqlite", null, SqliteSynchronous.Full),
                 })
        {
            var fake = new FakeRuntime(TimeProvider.System);
            var timed = new StartTimingRuntime(fake);
            var options = new ContainerHostOptions { NodeId = "bench", Akka = akka };
            await using var host = new ContainerHost(options, StoreSettings.ForSqliteFile(Path.Combine(scratch, prefix + ".db"), synchronous), [timed]);
            await host.StartAsync();
            var ids = await CreateManyAsync(host, containers, i => FakeSpec($"c{i}", RestartPolicy.Always) with { Backoff = NoBackoff });
            context.Report(prefix + ".containers", containers, "containers");

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
            context.Report(prefix + ".p50_ms", Percentile(latencies, 0.50), "ms");
            context.Report(prefix + ".p99_ms", Percentile(latencies, 0.99), "ms");
            Note(prefix == "node.decision"
                ? $"node.decision.p99_ms target < 1 (Akka in-memory journal, as the old bench; exit signal to restart start call; load {LoadAverage()})"
                : $"node.decision_sqlite: the same on SQLite synchronous=full (one fsync'd write of die+restart before the start call); load {LoadAverage()}");
            await host.StopAsync();
        }
    }

    /// <summary>
    /// Creates and starts <paramref name="count"/> fake containers (unless-stopped), optionally measuring managed
    /// bytes per container, stops the host and times a new host's start-up on the same store until every container
    /// has recovered and reconciled.
    /// </summary>
    private static async Task DensityAndRecoveryAsync(BenchContext context, StoreSettings store, int count, string suffix, bool density)
    {
        var fake = new FakeRuntime(TimeProvider.System);
        var options = new ContainerHostOptions { NodeId = "bench" };
        var label = count >= 100_000 ? "100k" : "10k";
        {
            await using var host = new ContainerHost(options, store, [fake]);
            await host.StartAsync();
            var before = density ? ManagedBytes() : 0;
            var started = Stopwatch.GetTimestamp();
            await CreateManyAsync(host, count, i => FakeSpec($"svc-{i}", RestartPolicy.UnlessStopped));
            var rate = count / Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (density)
            {
                context.Report("node.create.per_s", rate, "containers/s");
                var after = ManagedBytes();
                // Everything the node holds per container: entity actor, state, shard bookkeeping, directory entry, fake workload.
                context.Report("node.container.bytes", (after - before) / (double)count, "bytes");
                Note(FormattableString.Invariant(
                    $"node.container.bytes target <= 4096 at 100,000 (old 2,875); measured at {count:N0} containers, managed heap after full GCs, heap measured after the host started (its fixed cost excluded)"));
            }
            else
            {
                context.Report($"node.create{suffix}.per_s", rate, "containers/s");
            }
            Progress($"created {count} containers; stopping the host");
            await host.StopAsync();
        }

        Progress($"recovering {count} containers");
        await using var recovered = new ContainerHost(options, store, [fake]);
        var recoveryCpu = ProcessUsage().Cpu;
        var recovery = Stopwatch.GetTimestamp();
        var starting = recovered.StartAsync();
        var deadline = TimeSpan.FromMinutes(count >= 100_000 ? 15 : 4);
        while (await Task.WhenAny(starting, Task.Delay(TimeSpan.FromSeconds(10))) != starting)
        {
            var elapsed = Stopwatch.GetElapsedTime(recovery);
            Progress($"recovery: {recovered.ContainerCount} of {count} containers after {elapsed.TotalSeconds:0} s; dead letters {recovered.Metrics.DeadLetters}, actor failures {recovered.Metrics.ActorFailures}");
            if (elapsed < deadline) continue;
            // Not a figure: the run goes on without this host (its actor system is left to the process's exit).
            Note($"node.recovery{label}{suffix}.seconds: start-up did not finish within {deadline.TotalSeconds:0} s ({recovered.ContainerCount} of {count} containers in the directory, {recovered.Metrics.DeadLetters} dead letters); load {LoadAverage()}");
            return;
        }
        await starting;
        var seconds = Stopwatch.GetElapsedTime(recovery).TotalSeconds;
        if (recovered.ContainerCount != count) throw new InvalidOperationException($"recovered {recovered.ContainerCount} of {count} containers");
        context.Report($"node.recovery{label}{suffix}.seconds", seconds, "s");
        // CPU per recovered container (every thread of this process; PostgreSQL's server not included): comparable between
        // runs on a loaded machine, and with the cores it bounds the recovery rate from above.
        context.Report($"node.recovery{label}{suffix}.cpu_ms_per_container", (ProcessUsage().Cpu - recoveryCpu).TotalMilliseconds / count, "ms");
        Note($"node.recovery{label}{suffix}.seconds: {count:N0} containers on {(store.Kind == StoreKind.PostgreSql ? "PostgreSQL" : "SQLite")}{(label == "10k" ? ", target <= 5" : "")}; load {LoadAverage()}");
        await recovered.StopAsync();
    }

    private static void Progress(string text) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {text}");

    private static async Task<List<string>> CreateManyAsync(ContainerHost host, int count, Func<int, ContainerSpec> spec)
    {
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (i, ct) =>
            ids.Add((await host.CreateAsync(spec(i), start: true, ct)).Id));
        return [.. ids];
    }

    private static ContainerSpec FakeSpec(string name, RestartPolicy policy) =>
        new() { Name = name, Runtime = RuntimeKind.Fake, Command = CommandLine.Exec("fake"), Restart = policy };

    private static ProcessRuntimeOptions ProcessOptions(string scratch, string name) => new()
    {
        LogDirectory = Path.Combine(scratch, name + "-logs"),
        CgroupParent = "asv-nodebench-" + name + "-" + Path.GetFileName(scratch),
    };

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

        public Task StopAsync(WorkloadHandle handle, string signal, TimeSpan timeout, Action<DateTimeOffset>? escalating = null,
            CancellationToken cancellationToken = default) =>
            inner.StopAsync(handle, signal, timeout, escalating, cancellationToken);

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
