using System.Diagnostics;
using ActorSupervisor.Cli.Tests.EndToEnd;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// <c>./bench.sh cluster</c>, placement figures: three real node processes on loopback sharing a PostgreSQL database
/// (ASV_TEST_PG, or a server the suite starts), process workloads in per-node cgroups that stamp themselves every
/// 100 ms, and the end-to-end tests' 100 ms double-run watcher over every node's cgroups during every run. The nodes
/// run with the product's defaults (hocon/reference.conf): the figures are what a user gets; <c>ASV_BENCH_AKKA</c> adds
/// HOCON to every node's file to measure other settings (e.g. a shorter failure-detector pause).
/// <list type="bullet">
/// <item>part <c>failover</c>, cluster.failover.seconds: kill -9 of the non-seed node with most containers until every
/// one of its containers runs on another node (p50 of 5 runs; 1 with --quick), with the instants of its chain, each
/// since the kill: detect (node-1 sees it unreachable), down (downed: gone from the members or marked down),
/// lease_expired (its last lease row expires on PostgreSQL's clock), first_running and all_running (its first and
/// last container's workload runs elsewhere).</item>
/// <item>part <c>frozen</c>, cluster.frozen.seconds: SIGSTOP of the non-seed node with most containers (alive but
/// silent, the case a lease fence exists for) until every one of its containers runs on another node (p50 of 5 runs; 1
/// with --quick), with the instants since the SIGSTOP: fenced (the last of its workloads killed by its fence, which must
/// come before first_running), first_running, all_running, removed (node-1 no longer lists it); and
/// resumed_exit, from the SIGCONT that follows to the resumed node's exit (it must stop, not run a copy).</item>
/// <item>part <c>handoff</c>, cluster.handoff.seconds: graceful leave (<c>asv cluster leave</c>) of a node with 100
/// containers (30 with --quick) until each of them runs on another node; cluster.handoff.release_failures, the shards
/// whose lease the leaving node failed to release (its log's "Failed to release lease"; must be 0).</item>
/// <item>cluster.double_runs: watcher samples in which a container ran on two nodes plus stamp overlaps (two processes
/// of one container stamping at once), over all runs; must be 0.</item>
/// <item>Anchors, printed beside the figure: Akka's sharding fail-over with its defaults (failure detector 3 s + split-
/// brain resolver stable-after 20 s, measured 49 s in this project), Kubernetes' node-monitor-grace-period (40 s) and
/// its default pod eviction (300 s of not-ready toleration).</item>
/// </list>
/// </summary>
public sealed class ClusterFailoverBench : IBenchSuite
{
    public string Name => "cluster";

    public async Task RunAsync(BenchContext context)
    {
        if (!context.Runs("failover") && !context.Runs("frozen") && !context.Runs("handoff")) return;
        await using var postgres = await BenchPostgres.StartAsync();
        Environment.SetEnvironmentVariable("ASV_TEST_PG", postgres.ServerConnectionString);
        var doubleRuns = 0;
        Log($"node settings beyond the defaults: {(Settings.Length == 0 ? "none" : Settings)}");
        if (context.Runs("failover")) doubleRuns += await FailoverAsync(context);
        if (context.Runs("frozen")) doubleRuns += await FrozenAsync(context);
        if (context.Runs("handoff")) doubleRuns += await HandoffAsync(context);
        context.Report("cluster.double_runs", doubleRuns, "samples");
    }

    private static void Log(string line) => Console.Error.WriteLine(line);

    /// <summary>HOCON added to every node's file (ASV_BENCH_AKKA), "" for the product's defaults.</summary>
    private static string Settings => Environment.GetEnvironmentVariable("ASV_BENCH_AKKA") ?? "";

    private static async Task<int> FailoverAsync(BenchContext context)
    {
        var doubleRuns = 0;
        var runs = context.Quick ? 1 : 5;
        var chains = new List<Chain>();
        for (var run = 0; run < runs; run++)
        {
            await using var cluster = await ClusterPlacementHarness.StartAsync(Log, extra: Settings);
            var (victim, moved) = await BusiestNodeAsync(cluster, context.Quick ? 12 : 30);
            var victimId = $"node-{victim + 1}";
            await using (var watcher = cluster.Watch())
            {
                var clock = Stopwatch.StartNew();
                await cluster.Nodes[victim].KillAsync();
                var killAt = clock.Elapsed.TotalSeconds;
                // PostgreSQL's own answer: when the dead node's last lease row expires, read just after the kill.
                var leaseExpired = killAt + ((await cluster.LeaseExpiryAsync(victim))?.TotalSeconds ?? 0);
                double? detect = null, down = null, first = null, all = null;
                // node-1's view on a loop of its own: a view can take a while to answer, which must not delay the placement's samples.
                using var watched = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                var viewing = Task.Run(async () =>
                {
                    while (down is null && !watched.IsCancellationRequested)
                    {
                        if (await cluster.Node1ViewAsync() is { } view)
                        {
                            var answered = clock.Elapsed.TotalSeconds;
                            var member = view.Members.FirstOrDefault(m => m.NodeId == victimId);
                            if (member is { Unreachable: true }) detect ??= answered;
                            if (member is null || member.Status is "down" or "removed")
                            {
                                detect ??= answered;
                                down = answered;
                            }
                        }
                        await Task.Delay(50);
                    }
                });
                while (all is null && !watched.IsCancellationRequested)
                {
                    var placement = cluster.Placement();
                    var back = moved.Count(id => placement.TryGetValue(id, out var n) && n != victim);
                    if (back > 0) first ??= clock.Elapsed.TotalSeconds;
                    if (back == moved.Count) all = clock.Elapsed.TotalSeconds;
                    await Task.Delay(50);
                }
                await watched.CancelAsync();
                await viewing;
                if (all is null) throw new TimeoutException($"the {moved.Count} containers of {victimId} did not all run elsewhere within 120 s");
                down ??= first;
                detect ??= down;
                await Task.Delay(1000); // a last look for a copy
                var chain = new Chain(detect!.Value, down!.Value, leaseExpired, first!.Value, all.Value);
                chains.Add(chain);
                doubleRuns += DoubleRuns(cluster, watcher);
                Log(FormattableString.Invariant($"run {run + 1}: {moved.Count} containers of {victimId} back in {chain.AllRunning:0.00} s (detect {chain.Detect:0.00}, down {chain.Down:0.00}, lease expired {chain.LeaseExpired:0.00}, first {chain.FirstRunning:0.00})"));
            }
        }
        var median = chains.OrderBy(c => c.AllRunning).ElementAt(chains.Count / 2);
        context.Report("cluster.failover.seconds", median.AllRunning, "s");
        context.Report("cluster.failover.detect_at_seconds", median.Detect, "s");
        context.Report("cluster.failover.down_at_seconds", median.Down, "s");
        context.Report("cluster.failover.lease_expired_at_seconds", median.LeaseExpired, "s");
        context.Report("cluster.failover.first_running_at_seconds", median.FirstRunning, "s");
        context.Report("cluster.failover.all_running_at_seconds", median.AllRunning, "s");
        context.Report("cluster.failover.runs", chains.Count, "runs");
        // The numbers to beat, for the reader of the figures (see the class comment).
        context.Report("cluster.failover.anchor.akka_defaults_seconds", 49, "s");
        context.Report("cluster.failover.anchor.k8s_node_monitor_grace_seconds", 40, "s");
        context.Report("cluster.failover.anchor.k8s_pod_eviction_seconds", 300, "s");
        return doubleRuns;
    }

    private static async Task<int> FrozenAsync(BenchContext context)
    {
        var doubleRuns = 0;
        var runs = context.Quick ? 1 : 5;
        var chains = new List<FrozenChain>();
        for (var run = 0; run < runs; run++)
        {
            await using var cluster = await ClusterPlacementHarness.StartAsync(Log, extra: Settings);
            var (victim, moved) = await BusiestNodeAsync(cluster, context.Quick ? 12 : 30);
            var victimId = $"node-{victim + 1}";
            await using var watcher = cluster.Watch();
            var clock = Stopwatch.StartNew();
            cluster.Nodes[victim].Signal("STOP");
            double? fenced = null, first = null, all = null, removed = null;
            try
            {
                while ((all is null || removed is null) && clock.Elapsed < TimeSpan.FromSeconds(120))
                {
                    var live = cluster.LiveWorkloads().ToList();
                    if (!live.Any(w => w.Node == victim)) fenced ??= clock.Elapsed.TotalSeconds;
                    var back = moved.Count(id => live.Any(w => w.Container == id && w.Node != victim));
                    if (back > 0) first ??= clock.Elapsed.TotalSeconds;
                    if (back == moved.Count) all ??= clock.Elapsed.TotalSeconds;
                    if (all is not null && removed is null && (await cluster.Node1ViewAsync())?.Members.Count == cluster.Nodes.Count - 1)
                        removed = clock.Elapsed.TotalSeconds;
                    await Task.Delay(50);
                }
            }
            finally
            {
                cluster.Nodes[victim].Signal("CONT");
            }
            if (all is null || removed is null)
                throw new TimeoutException($"within 120 s of SIGSTOP, {victimId}'s {moved.Count} containers {(all is null ? "did not all run elsewhere" : "ran elsewhere")} and node-1 {(removed is null ? "still listed it" : "removed it")}");
            var resumed = Stopwatch.StartNew();
            await Eventually.TrueAsync(() => cluster.Nodes[victim].HasExited, $"{victimId} stops after it resumes", TimeSpan.FromSeconds(60));
            var chain = new FrozenChain(fenced!.Value, first!.Value, all.Value, removed.Value, resumed.Elapsed.TotalSeconds);
            chains.Add(chain);
            await Task.Delay(1000); // a last look for a copy
            doubleRuns += DoubleRuns(cluster, watcher);
            Log(FormattableString.Invariant($"frozen run {run + 1}: {moved.Count} containers of {victimId} back in {chain.AllRunning:0.00} s (fenced {chain.Fenced:0.00}, first {chain.FirstRunning:0.00}, removed {chain.Removed:0.00}; stopped {chain.ResumedExit:0.00} s after SIGCONT)"));
        }
        var median = chains.OrderBy(c => c.AllRunning).ElementAt(chains.Count / 2);
        context.Report("cluster.frozen.seconds", median.AllRunning, "s");
        context.Report("cluster.frozen.fenced_at_seconds", median.Fenced, "s");
        context.Report("cluster.frozen.first_running_at_seconds", median.FirstRunning, "s");
        context.Report("cluster.frozen.removed_at_seconds", median.Removed, "s");
        context.Report("cluster.frozen.resumed_exit_seconds", median.ResumedExit, "s");
        context.Report("cluster.frozen.runs", chains.Count, "runs");
        return doubleRuns;
    }

    /// <summary>The watcher's double runs and the stamp overlaps so far, each logged.</summary>
    private static int DoubleRuns(ClusterPlacementHarness cluster, ClusterPlacementHarness.Watcher watcher)
    {
        var found = watcher.DoubleRuns.Concat(cluster.StampOverlaps()).ToList();
        foreach (var line in found) Log($"DOUBLE RUN {line}");
        return found.Count;
    }

    /// <summary>Creates <paramref name="containers"/> containers; the non-seed node that runs the most of them, and those.</summary>
    private static async Task<(int Node, List<string> Containers)> BusiestNodeAsync(ClusterPlacementHarness cluster, int containers)
    {
        await cluster.CreateContainersAsync(containers);
        var placement = cluster.Placement();
        var node = placement.Values.Where(n => n != 0).GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
        return (node, placement.Where(p => p.Value == node).Select(p => p.Key).ToList());
    }

    private static async Task<int> HandoffAsync(BenchContext context)
    {
        await using var cluster = await ClusterPlacementHarness.StartAsync(Log, extra: Settings);
        var (leaver, moved) = await BusiestNodeAsync(cluster, context.Quick ? 30 : 150);
        await using var watcher = cluster.Watch();
        var clock = Stopwatch.StartNew();
        await cluster.Nodes[0].Client.LeaveClusterAsync($"node-{leaver + 1}");
        await Eventually.TrueAsync(() => { var p = cluster.Placement(); return moved.All(id => p.TryGetValue(id, out var n) && n != leaver); },
            "the leaving node's containers run elsewhere", TimeSpan.FromSeconds(120));
        var elapsed = clock.Elapsed.TotalSeconds;
        await Task.Delay(1000);
        var doubleRuns = DoubleRuns(cluster, watcher);
        Log(FormattableString.Invariant($"handoff: {moved.Count} containers of node-{leaver + 1} moved in {elapsed:0.00} s"));
        context.Report("cluster.handoff.seconds", elapsed, "s");
        context.Report("cluster.handoff.containers", moved.Count, "containers");
        // A release that fails leaves the next owner waiting for the lease's expiry: the leaving node's log says so.
        await Eventually.TrueAsync(() => cluster.Nodes[leaver].HasExited, "the leaving node's process ends", TimeSpan.FromSeconds(60));
        var output = await cluster.Nodes[leaver].FinalOutputAsync();
        context.Report("cluster.handoff.release_failures", output.Split("Failed to release lease").Length - 1, "shards");
        return doubleRuns;
    }

    /// <summary>The instants of one fail-over, in seconds since the kill.</summary>
    private sealed record Chain(double Detect, double Down, double LeaseExpired, double FirstRunning, double AllRunning);

    /// <summary>The instants of one frozen node's fail-over, in seconds since the SIGSTOP (its exit: since the SIGCONT).</summary>
    private sealed record FrozenChain(double Fenced, double FirstRunning, double AllRunning, double Removed, double ResumedExit);
}
