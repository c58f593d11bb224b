using System.Diagnostics;
using ActorSupervisor.Cli.Tests.EndToEnd;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// <c>./bench.sh cluster</c>, placement figures: three real node processes on loopback sharing a PostgreSQL database
/// (ASV_TEST_PG, or a server the suite starts), process workloads in per-node cgroups, and the end-to-end tests'
/// 100 ms double-run watcher over every node's cgroups during every run.
/// <list type="bullet">
/// <item>cluster.failover.seconds: kill -9 of the non-seed node with most containers until every one of its
/// containers runs on another node (p50 of 5 runs; 1 with --quick), with its breakdown: detect (until node-1 sees it
/// unreachable), down (until it is downed and gone from the members), rebalance+recover (until the first of its
/// containers runs elsewhere: includes waiting out its lease), start (until the last does).</item>
/// <item>cluster.handoff.seconds: graceful leave (<c>asv cluster leave</c>) of a node with 100 containers (30 with
/// --quick) until each of them runs on another node.</item>
/// <item>cluster.double_runs: samples in which a container ran on two nodes, over all runs; must be 0.</item>
/// </list>
/// Settings (the end-to-end tests' <see cref="ClusterPlacementHarness.FastFailover"/>): failure detector pause 3 s,
/// split-brain resolver stable-after 2 s, lease heartbeat-timeout 4 s, heartbeat every 500 ms, fence margin 1.5 s.
/// Their false-downing risk: a node whose heartbeats stall 3 s + 2 s (GC, a starved CPU) is downed, and one that cannot
/// renew its leases for 2.5 s has its workloads fenced; the defaults (5 s SBR, 5 s lease, 2 s margin) are the safer choice.
/// </summary>
public sealed class ClusterFailoverBench : IBenchSuite
{
    public string Name => "cluster";

    public async Task RunAsync(BenchContext context)
    {
        await using var postgres = await BenchPostgres.StartAsync();
        Environment.SetEnvironmentVariable("ASV_TEST_PG", postgres.ServerConnectionString);
        var log = (string line) => Console.Error.WriteLine(line);
        var doubleRuns = 0;
        var runs = context.Quick ? 1 : 5;
        var totals = new List<double>();
        var phases = new List<double[]>();
        for (var run = 0; run < runs; run++)
        {
            await using var cluster = await ClusterPlacementHarness.StartAsync(log);
            var ids = await cluster.CreateContainersAsync(context.Quick ? 12 : 30);
            var before = cluster.Placement();
            var victim = before.Values.Where(n => n != 0).GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
            var moved = before.Where(p => p.Value == victim).Select(p => p.Key).ToList();
            await using var watcher = cluster.Watch();
            var clock = Stopwatch.StartNew();
            await cluster.Nodes[victim].KillAsync();
            double? detect = null, down = null, first = null, all = null;
            var victimId = $"node-{victim + 1}";
            while (all is null && clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                var placement = cluster.Placement();
                var back = moved.Count(id => placement.TryGetValue(id, out var n) && n != victim);
                if (back > 0) first ??= clock.Elapsed.TotalSeconds;
                if (back == moved.Count) all = clock.Elapsed.TotalSeconds;
                if (down is null)
                {
                    try
                    {
                        var view = await cluster.Nodes[0].Client.GetClusterMembersAsync();
                        var member = view.Members.FirstOrDefault(m => m.NodeId == victimId);
                        if (member is { Unreachable: true }) detect ??= clock.Elapsed.TotalSeconds;
                        if (member is null || member.Status is "down" or "removed")
                        {
                            detect ??= clock.Elapsed.TotalSeconds;
                            down = clock.Elapsed.TotalSeconds;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or Client.ApiException or Client.NodeUnreachableException or TaskCanceledException)
                    {
                        // node-1 is busy: the next poll tells
                    }
                }
                await Task.Delay(100);
            }
            if (all is null) throw new TimeoutException($"the {moved.Count} containers of {victimId} did not all run elsewhere within 120 s");
            down ??= first;
            detect ??= down;
            totals.Add(all.Value);
            phases.Add([detect!.Value, down!.Value - detect.Value, first!.Value - down.Value, all.Value - first.Value]);
            doubleRuns += watcher.DoubleRuns.Count;
            log($"run {run + 1}: {moved.Count} containers of {victimId} back in {all:0.00} s (detect {detect:0.00}, down {down:0.00}, first {first:0.00})");
        }
        var median = totals.Order().ElementAt(totals.Count / 2);
        var at = totals.IndexOf(median);
        context.Report("cluster.failover.seconds", median, "s");
        context.Report("cluster.failover.detect_seconds", phases[at][0], "s");
        context.Report("cluster.failover.down_seconds", phases[at][1], "s");
        context.Report("cluster.failover.rebalance_recover_seconds", phases[at][2], "s");
        context.Report("cluster.failover.start_seconds", phases[at][3], "s");

        await using (var cluster = await ClusterPlacementHarness.StartAsync(log))
        {
            var ids = await cluster.CreateContainersAsync(context.Quick ? 30 : 150);
            var before = cluster.Placement();
            var leaver = before.Values.Where(n => n != 0).GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
            var moved = before.Where(p => p.Value == leaver).Select(p => p.Key).ToList();
            await using var watcher = cluster.Watch();
            var clock = Stopwatch.StartNew();
            await cluster.Nodes[0].Client.LeaveClusterAsync($"node-{leaver + 1}");
            await Eventually.TrueAsync(() => { var p = cluster.Placement(); return moved.All(id => p.TryGetValue(id, out var n) && n != leaver); },
                "the leaving node's containers run elsewhere", TimeSpan.FromSeconds(120));
            log($"handoff: {moved.Count} containers of node-{leaver + 1} moved in {clock.Elapsed.TotalSeconds:0.00} s");
            context.Report("cluster.handoff.seconds", clock.Elapsed.TotalSeconds, "s");
            context.Report("cluster.handoff.containers", moved.Count, "containers");
            doubleRuns += watcher.DoubleRuns.Count;
        }
        context.Report("cluster.double_runs", doubleRuns, "samples");
    }
}
