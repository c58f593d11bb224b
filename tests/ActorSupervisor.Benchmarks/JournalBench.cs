using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Persistence.Sql;
using ActorSupervisor.Persistence.Sql.Journal;
using ActorSupervisor.Persistence.Sql.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// <c>./bench.sh journal</c>: the SQL journal on SQLite and PostgreSQL. Per dialect: events/s with 1, 10 and 100
/// concurrent writers (one write in flight each, like persistent actors), p50/p99 persist latency, replay speed,
/// and recovery of N containers × 20 events with and without snapshots (N = 100,000; 10,000 with --quick).
/// PostgreSQL comes from ASV_TEST_PG, or the suite starts tests/services/postgres.sh itself.
/// </summary>
public sealed partial class JournalBench : IBenchSuite
{
    private const int EventsPerContainer = 20;
    private const int SnapshotAt = 15;

    public string Name => "journal";

    public async Task RunAsync(BenchContext context)
    {
        var workDirectory = Directory.CreateTempSubdirectory("asv-journal-bench-").FullName;
        try
        {
            await RunDialectAsync(context, "sqlite", () => SqlPersistenceOptions.ForSqliteFile(Path.Combine(workDirectory, $"{Guid.NewGuid():N}.db")));
            await using var postgres = await BenchPostgres.StartAsync();
            await RunDialectAsync(context, "pg", postgres.NewDatabase);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private static async Task RunDialectAsync(BenchContext context, string dialect, Func<SqlPersistenceOptions> newDatabase)
    {
        foreach (var writers in new[] { 1, 10, 100 })
        {
            var total = writers switch { 1 => context.Quick ? 1_000 : 3_000, 10 => context.Quick ? 5_000 : 20_000, _ => context.Quick ? 20_000 : 100_000 };
            await using var store = await SqlPersistence.OpenAsync(newDatabase(), Registry());
            var (perSecond, latencies) = await ConcurrentWritersAsync(store.Journal, writers, total / writers);
            context.Report($"journal.{dialect}.events_per_s.{writers}w", perSecond, "events/s");
            context.Report($"journal.{dialect}.persist_p50_ms.{writers}w", Percentile(latencies, 0.50), "ms");
            context.Report($"journal.{dialect}.persist_p99_ms.{writers}w", Percentile(latencies, 0.99), "ms");
        }
        await using (var store = await SqlPersistence.OpenAsync(newDatabase(), Registry()))
        {
            context.Report($"journal.{dialect}.replay_events_per_s", await ReplaySpeedAsync(store.Journal, context.Quick ? 50_000 : 200_000), "events/s");
        }
        await using (var store = await SqlPersistence.OpenAsync(newDatabase(), Registry()))
        {
            var containers = context.Quick ? 10_000 : 100_000;
            var ids = await PopulateContainersAsync(store, containers);
            var withSnapshots = await RecoverAsync(store, ids, useSnapshots: true);
            var withoutSnapshots = await RecoverAsync(store, ids, useSnapshots: false);
            Console.Error.WriteLine($"journal.{dialect}: recovered {containers} containers × {EventsPerContainer} events");
            context.Report($"journal.{dialect}.recovery100k.seconds", withSnapshots, "s");
            context.Report($"journal.{dialect}.recovery100k_no_snapshots.seconds", withoutSnapshots, "s");
            // The headline figure is the embedded default's.
            if (dialect == "sqlite") context.Report("journal.recovery100k.seconds", withSnapshots, "s");
        }
    }

    /// <summary><paramref name="writers"/> actors each persisting <paramref name="eventsEach"/> events one at a time.</summary>
    private static async Task<(double PerSecond, double[] LatenciesMs)> ConcurrentWritersAsync(SqlJournal journal, int writers, int eventsEach)
    {
        var latencies = new ConcurrentBag<double[]>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new double[eventsEach];
            for (var seq = 1; seq <= eventsEach; seq++)
            {
                var started = Stopwatch.GetTimestamp();
                var results = await journal.WriteMessagesAsync([Write($"writer-{w}", seq, 1)]);
                if (results[0] is { } error) throw error;
                mine[seq - 1] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            latencies.Add(mine);
        })));
        return (writers * eventsEach / clock.Elapsed.TotalSeconds, latencies.SelectMany(l => l).ToArray());
    }

    private static async Task<double> ReplaySpeedAsync(SqlJournal journal, int events)
    {
        const int actors = 10, perWrite = 500;
        var perActor = events / actors;
        await Task.WhenAll(Enumerable.Range(0, actors).Select(a => Task.Run(async () =>
        {
            for (var seq = 1; seq <= perActor; seq += perWrite)
                Check(await journal.WriteMessagesAsync([Write($"replay-{a}", seq, Math.Min(perWrite, perActor - seq + 1))]));
        })));
        await ReplayAllAsync(journal, actors); // warm-up: JIT and page cache, so the timed pass measures the steady state
        var clock = Stopwatch.StartNew();
        var replayed = await ReplayAllAsync(journal, actors);
        var elapsed = clock.Elapsed;
        if (replayed != perActor * actors) throw new InvalidOperationException($"replayed {replayed} of {perActor * actors} events");
        return replayed / elapsed.TotalSeconds;
    }

    private static async Task<long> ReplayAllAsync(SqlJournal journal, int actors)
    {
        var replayed = 0L;
        for (var a = 0; a < actors; a++)
            await journal.ReplayMessagesAsync($"replay-{a}", 1, long.MaxValue, long.MaxValue, _ => replayed++);
        return replayed;
    }

    private static async Task<string[]> PopulateContainersAsync(SqlPersistence store, int containers)
    {
        var ids = Enumerable.Range(0, containers).Select(i => $"container-{i:D6}").ToArray();
        var clock = Stopwatch.StartNew();
        // 32 writers, 50 containers (1,000 events) per call: the bulk load is setup, not a measured figure.
        await Parallel.ForEachAsync(ids.Chunk(50), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (chunk, _) =>
            Check(await store.Journal.WriteMessagesAsync([.. chunk.Select(id => Write(id, 1, EventsPerContainer))])));
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
            await store.SnapshotStore.SaveAsync(new SnapshotMetadata(id, SnapshotAt, DateTimeOffset.UtcNow), new BenchSnapshot(id, SnapshotAt, "running"), ct));
        Console.Error.WriteLine($"populated {containers} containers in {clock.Elapsed.TotalSeconds:0.0} s");
        return ids;
    }

    /// <summary>Every container's state: its latest snapshot (or none) plus the events after it, 1,000 containers per task.</summary>
    private static async Task<double> RecoverAsync(SqlPersistence store, string[] ids, bool useSnapshots)
    {
        var recoveredEvents = 0L;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids.Chunk(1000), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
        {
            var snapshots = useSnapshots
                ? await store.SnapshotStore.LoadLatestManyAsync(chunk, cancellationToken: ct)
                : new Dictionary<string, SelectedSnapshot>();
            var ranges = chunk.Select(id => new ReplayRange(id, snapshots.TryGetValue(id, out var s) ? s.Metadata.SequenceNr + 1 : 1)).ToList();
            var replayed = 0L;
            await store.Journal.ReplayManyAsync(ranges, _ => replayed++, cancellationToken: ct);
            Interlocked.Add(ref recoveredEvents, replayed);
        });
        var expected = (long)ids.Length * (useSnapshots ? EventsPerContainer - SnapshotAt : EventsPerContainer);
        if (recoveredEvents != expected) throw new InvalidOperationException($"recovered {recoveredEvents} events, expected {expected}");
        return clock.Elapsed.TotalSeconds;
    }

    private static AtomicWrite Write(string pid, long from, int count) =>
        new([.. Enumerable.Range(0, count).Select(i => new PersistentRepr(pid, from + i,
            new ContainerEvent(pid, "started", (int)(from + i)), "bench", DateTimeOffset.UtcNow, ["container"]))]);

    private static void Check(IReadOnlyList<Exception?> results)
    {
        if (results.FirstOrDefault(r => r is not null) is { } error) throw error;
    }

    private static double Percentile(double[] values, double p)
    {
        Array.Sort(values);
        return values[Math.Min(values.Length - 1, (int)(p * values.Length))];
    }

    private static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register("bench-container-event.v1", BenchJson.Default.ContainerEvent)
        .Register("bench-snapshot.v1", BenchJson.Default.BenchSnapshot);

    internal sealed record ContainerEvent(string Container, string Kind, int Attempt);

    internal sealed record BenchSnapshot(string Container, long Version, string State);

    [JsonSerializable(typeof(ContainerEvent))]
    [JsonSerializable(typeof(BenchSnapshot))]
    internal sealed partial class BenchJson : JsonSerializerContext;

    /// <summary>The PostgreSQL under test: ASV_TEST_PG, or a cluster this suite starts and stops.</summary>
    private sealed class BenchPostgres(string connectionString, string? stateDirectory) : IAsyncDisposable
    {
        private const string Script = "tests/services/postgres.sh";
        private readonly List<string> _prefixes = [];

        public static async Task<BenchPostgres> StartAsync()
        {
            if (Environment.GetEnvironmentVariable("ASV_TEST_PG") is { Length: > 0 } given) return new BenchPostgres(given, null);
            // Not inside the private (0700) temp directory: the server runs as the postgres user and must reach it.
            var state = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"asv-journal-bench-pg-{Guid.NewGuid():N}")).FullName;
            var output = await RunScriptAsync("start", state);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("ASV_TEST_PG=", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"{Script} start printed no ASV_TEST_PG line: {output}");
            return new BenchPostgres(line["ASV_TEST_PG=".Length..].Trim(), state);
        }

        public SqlPersistenceOptions NewDatabase()
        {
            var prefix = $"bench_{Guid.NewGuid():N}"[..14] + "_";
            _prefixes.Add(prefix);
            return SqlPersistenceOptions.ForPostgreSql(connectionString) with { TablePrefix = prefix };
        }

        public async ValueTask DisposeAsync()
        {
            if (stateDirectory is not null)
            {
                await RunScriptAsync("stop", stateDirectory);
                Directory.Delete(stateDirectory, recursive: true);
                return;
            }
            // A server we did not start: leave it as we found it.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            foreach (var prefix in _prefixes)
            {
                await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {prefix}journal, {prefix}snapshot, {prefix}schema_version", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }

        private static async Task<string> RunScriptAsync(string command, string state)
        {
            if (!File.Exists(Script)) throw new InvalidOperationException($"{Script} not found: run the suite from the repository root (./bench.sh).");
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { Script, command, state }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {Script}");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{Script} {command} failed with exit code {process.ExitCode}");
            return output;
        }
    }
}
