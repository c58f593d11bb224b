using System.Globalization;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Persistence;
using static ActorSupervisor.Benchmarks.BenchSupport;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// <c>./bench.sh groups [--quick]</c>: a one_for_all group of 3 real processes (the process runtime, SQLite
/// synchronous=full, as a node runs) whose first member exits 1 on its own 200 ms after each start. Each member stamps
/// its start with bash's own clock ($EPOCHREALTIME, as the node restart bench); the failing member stamps its exit just
/// before it exits. Figure: from the failing member's exit stamp to the last member's next start stamp, i.e. until
/// every member of the group runs again (the others stopped in reverse order, then all started in order, each running
/// before the next).
/// </summary>
public sealed class GroupBench : IBenchSuite
{
    private static readonly string[] Members = ["g-db", "g-app", "g-web"];

    /// <inheritdoc />
    public string Name => "groups";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context)
    {
        var restarts = context.Quick ? 20 : 150;
        var scratch = Path.Combine(Path.GetTempPath(), "asv-groupbench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        var runtimeOptions = new ProcessRuntimeOptions
        {
            LogDirectory = Path.Combine(scratch, "logs"),
            CgroupParent = "asv-groupbench-" + Path.GetFileName(scratch),
        };
        try
        {
            await using var runtime = new ProcessRuntime(runtimeOptions);
            await using var host = new ContainerHost(new ContainerHostOptions { NodeId = "bench", StopWorkloadsOnShutdown = true },
                StoreSettings.ForSqliteFile(Path.Combine(scratch, "groups.db")), [runtime]);
            await host.StartAsync();
            foreach (var name in Members)
            {
                var stamps = Path.Combine(scratch, name + ".stamps");
                var script = name == Members[0]
                    ? $"echo s$EPOCHREALTIME >> '{stamps}'; sleep 0.2; echo e$EPOCHREALTIME >> '{stamps}'; exit 1"
                    : $"echo s$EPOCHREALTIME >> '{stamps}'; exec sleep 1000";
                await host.CreateAsync(new ContainerSpec
                {
                    Name = name, Runtime = RuntimeKind.Process, Command = CommandLine.Exec("bash", "-c", script),
                    Restart = RestartPolicy.Always, StopTimeout = TimeSpan.FromSeconds(5),
                }, start: false);
            }
            await host.CreateGroupAsync("bench", GroupStrategy.OneForAll, Members, null);
            await host.SendGroupAsync("bench", new GroupCommand.Start());
            await Until(() => host.InspectGroupAsync("bench").Result.State.RestartCount >= restarts + 3, TimeSpan.FromMinutes(5));
            await host.SendGroupAsync("bench", new GroupCommand.Stop());

            var exits = ReadStamps(Path.Combine(scratch, Members[0] + ".stamps"), 'e');
            var starts = Members.Select(m => ReadStamps(Path.Combine(scratch, m + ".stamps"), 's')).ToList();
            var samples = new List<double>();
            foreach (var exit in exits.Skip(3)) // the first three warm up
            {
                var next = starts.Select(s => s.FirstOrDefault(at => at > exit)).ToList();
                if (next.Any(at => at == default)) continue;
                samples.Add((next.Max() - exit).TotalMilliseconds);
            }
            context.Report("groups.one_for_all.samples", samples.Count, "restarts");
            context.Report("groups.one_for_all.p50_ms", Percentile(samples, 0.50), "ms");
            context.Report("groups.one_for_all.p99_ms", Percentile(samples, 0.99), "ms");
            Note("groups.one_for_all.p50_ms: exit stamp of the failing member to the last of 3 members running again (workload stamps); " +
                 "compare: node.restart.p50_ms (one container, same path) x ~3 serial starts + 2 stops; OTP one_for_all of 3 workers restarts in " +
                 $"well under 1 ms (in-VM processes, no fork/exec, no journal); systemd PartOf= restarts units in parallel, no order wait; load {LoadAverage()}");
            await host.StopAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // A log file still open: the scratch directory stays in /tmp.
            }
            foreach (var mount in new[] { "/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup" })
            {
                var directory = Path.Combine(mount, runtimeOptions.CgroupParent);
                if (!Directory.Exists(directory)) continue;
                foreach (var child in Directory.GetDirectories(directory)) TryDelete(child);
                TryDelete(directory);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory);
        }
        catch (IOException)
        {
            // Still busy: left for the system.
        }
    }

    private static List<DateTimeOffset> ReadStamps(string path, char kind) =>
        File.Exists(path)
            ? [.. File.ReadLines(path)
                .Where(line => line.Length > 1 && line[0] == kind)
                .Select(line => decimal.Parse(line.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture))
                .Select(seconds => DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)))]
            : [];
}
