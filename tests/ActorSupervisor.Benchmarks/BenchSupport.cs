using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using ActorSupervisor.Supervision.Persistence;
using Npgsql;

namespace ActorSupervisor.Benchmarks;

/// <summary>Helpers the node and journal suites share: percentiles, polling, notes, the process's own resource usage.</summary>
internal static class BenchSupport
{
    /// <summary>The <paramref name="p"/> quantile (nearest rank) of <paramref name="values"/>; NaN when empty.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Polls <paramref name="condition"/> (yielding between polls) until it holds.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="deadline"/> (30 s by default).</exception>
    public static async Task Until(Func<bool> condition, TimeSpan? deadline = null)
    {
        var until = Stopwatch.GetTimestamp() + (long)((deadline ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > until) throw new TimeoutException("a benchmark condition was not met in time");
            await Task.Yield();
        }
    }

    /// <summary>The 1-minute load average (the machine is shared: figures are read beside it).</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Prints a <c># note</c> line, not a figure, beside the figures it explains.</summary>
    public static void Note(string text) => Console.WriteLine("# note " + text);

    /// <summary>Managed bytes in use after full collections.</summary>
    public static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>CPU time and context switches of every thread of this process, ended ones included (getrusage RUSAGE_SELF).</summary>
    public static Usage ProcessUsage()
    {
        // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval, two longs each), then 14 longs ending in ru_nvcsw, ru_nivcsw.
        var raw = new long[18];
        if (GetRusage(0, raw) != 0) throw new InvalidOperationException("getrusage failed: errno " + Marshal.GetLastPInvokeError());
        var cpu = TimeSpan.FromSeconds(raw[0] + raw[1] / 1e6 + raw[2] + raw[3] / 1e6);
        return new Usage(cpu, raw[16], raw[17]);
    }

    /// <summary>Rss and Pss of this process in KiB, from /proc/self/smaps_rollup.</summary>
    public static (long RssKib, long PssKib) SmapsRollup()
    {
        long rss = 0, pss = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps_rollup"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2) continue;
            if (parts[0] == "Rss:") rss = long.Parse(parts[1], CultureInfo.InvariantCulture);
            else if (parts[0] == "Pss:") pss = long.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return (rss, pss);
    }

    /// <summary>Where the PSS goes (anonymous, file-backed, shared memory: the JIT's double-mapped code) and the GC's committed heap, for a note.</summary>
    public static string MemoryBreakdown()
    {
        var parts = File.ReadLines("/proc/self/smaps_rollup")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 2 && p[0] is "Pss_Anon:" or "Pss_File:" or "Pss_Shmem:")
            .Select(p => FormattableString.Invariant($"{p[0].TrimEnd(':')} {long.Parse(p[1], CultureInfo.InvariantCulture) / 1024.0:0.#} MiB"));
        var gc = GC.GetGCMemoryInfo();
        return string.Join(", ", parts) + FormattableString.Invariant(
            $"; GC committed {gc.TotalCommittedBytes / 1048576.0:0.#} MiB, heap {gc.HeapSizeBytes / 1048576.0:0.#} MiB ({(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode})");
    }

    /// <summary>CPU clock ticks used so far by each live thread of this process, keyed by thread id, with the thread's name.</summary>
    public static Dictionary<string, (string Name, long Ticks)> ThreadTicks()
    {
        var threads = new Dictionary<string, (string, long)>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                // After "pid (comm) ": state is field 0, utime 11, stime 12.
                threads[Path.GetFileName(task)] = (stat[(open + 1)..close],
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended.
            }
        }
        return threads;
    }

    /// <summary>Which threads (by name) used CPU between two <see cref="ThreadTicks"/> readings, busiest first, in ms.</summary>
    public static string ThreadCpu(Dictionary<string, (string Name, long Ticks)> before, Dictionary<string, (string Name, long Ticks)> after) =>
        string.Join(", ", after
            .Select(t => (t.Value.Name, Ms: (t.Value.Ticks - (before.TryGetValue(t.Key, out var b) ? b.Ticks : 0)) * 10))
            .GroupBy(t => t.Name)
            .Select(g => (Name: g.Key, Ms: g.Sum(t => t.Ms), Threads: g.Count()))
            .Where(g => g.Ms > 0)
            .OrderByDescending(g => g.Ms)
            .Take(8)
            .Select(g => FormattableString.Invariant($"'{g.Name}'x{g.Threads} {g.Ms} ms")));

    /// <summary>Voluntary context switches (wake-ups after a sleep) of each thread of this process, by thread id.</summary>
    public static Dictionary<string, (string Name, long Ticks)> ThreadWakes()
    {
        var threads = new Dictionary<string, (string, long)>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var lines = File.ReadAllLines(Path.Combine(task, "status"));
                var name = lines.First(l => l.StartsWith("Name:", StringComparison.Ordinal))["Name:".Length..].Trim();
                var wakes = lines.First(l => l.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))["voluntary_ctxt_switches:".Length..].Trim();
                threads[Path.GetFileName(task)] = (name, long.Parse(wakes, CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended.
            }
        }
        return threads;
    }

    /// <summary>Which threads (by name) woke how often per second between two <see cref="ThreadWakes"/> readings, most first.</summary>
    public static string ThreadWakeRates(Dictionary<string, (string Name, long Ticks)> before, Dictionary<string, (string Name, long Ticks)> after, double seconds) =>
        string.Join(", ", after
            .Select(t => (t.Value.Name, Count: t.Value.Ticks - (before.TryGetValue(t.Key, out var b) ? b.Ticks : 0)))
            .GroupBy(t => t.Name)
            .Select(g => (Name: g.Key, Count: g.Sum(t => t.Count), Threads: g.Count()))
            .Where(g => g.Count > 0)
            .OrderByDescending(g => g.Count)
            .Take(10)
            .Select(g => FormattableString.Invariant($"'{g.Name}'x{g.Threads} {g.Count / seconds:0.#}/s")));

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRusage(int who, [Out] long[] usage);

    /// <summary>One reading of <see cref="ProcessUsage"/>.</summary>
    public readonly record struct Usage(TimeSpan Cpu, long VoluntarySwitches, long InvoluntarySwitches)
    {
        /// <summary>Voluntary plus involuntary.</summary>
        public long Switches => VoluntarySwitches + InvoluntarySwitches;
    }
}

/// <summary>
/// The PostgreSQL server under test: ASV_TEST_PG, or a cluster started with tests/services/postgres.sh for the run.
/// Each <see cref="NewDatabaseAsync"/> is a database of its own, dropped when this is disposed.
/// </summary>
internal sealed class BenchPostgres(string connectionString, string? stateDirectory) : IAsyncDisposable
{
    private const string Script = "tests/services/postgres.sh";
    private readonly List<string> _databases = [];

    /// <summary>The server's connection string (for node processes, which make databases of their own).</summary>
    public string ServerConnectionString => connectionString;

    public static async Task<BenchPostgres> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("ASV_TEST_PG") is { Length: > 0 } given) return new BenchPostgres(given, null);
        // Not inside the private (0700) temp directory: the server runs as the postgres user and must reach it.
        var state = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"asv-bench-pg-{Guid.NewGuid():N}")).FullName;
        var output = await RunScriptAsync("start", state);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("ASV_TEST_PG=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{Script} start printed no ASV_TEST_PG line: {output}");
        return new BenchPostgres(line["ASV_TEST_PG=".Length..].Trim(), state);
    }

    /// <summary>A fresh, empty database on the server.</summary>
    public async Task<StoreSettings> NewDatabaseAsync()
    {
        var database = $"asv_bench_{Guid.NewGuid():N}"[..26];
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await command.ExecuteNonQueryAsync();
        }
        _databases.Add(database);
        return StoreSettings.ForPostgreSql(new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (stateDirectory is not null)
        {
            await RunScriptAsync("stop", stateDirectory);
            Directory.Delete(stateDirectory, recursive: true);
            return;
        }
        // A server we did not start: leave it as we found it.
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync();
        foreach (var database in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
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
