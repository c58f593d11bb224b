using ActorSupervisor.Client;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values.Specs;
using Xunit.Abstractions;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Workload placement in a 3-node cluster on PostgreSQL with shard leases: a container's workload runs on the node that
/// hosts its entity and nowhere else, while a watcher samples every node's workloads every 100 ms.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterPlacementTests(ITestOutputHelper output)
{
    private const int Containers = 12;

    [Fact]
    public async Task A_node_killed_with_sigkill_has_its_containers_run_again_on_the_others_and_never_twice()
    {
        await using var cluster = await ClusterPlacementHarness.StartAsync(output.WriteLine);
        try
        {
            var ids = await cluster.CreateContainersAsync(Containers);
            var before = cluster.Placement();
            // The victim: the node with the most containers other than the seed (node-1 is where the test creates them).
            var victim = before.Values.Where(n => n != 0).GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
            var moved = before.Where(p => p.Value == victim).Select(p => p.Key).ToList();
            output.WriteLine($"node-{victim + 1} runs {moved.Count} of {ids.Count}");
            Assert.NotEmpty(moved);

            await using (var watcher = cluster.Watch())
            {
                var killed = System.Diagnostics.Stopwatch.StartNew();
                await cluster.Nodes[victim].KillAsync();
                var after = await Eventually.ValueAsync(() => Task.FromResult(cluster.Placement()),
                    p => ids.All(p.ContainsKey) && p.Values.All(n => n != victim),
                    "every container runs on the nodes that remain", TimeSpan.FromSeconds(60));
                output.WriteLine($"all {moved.Count} containers of node-{victim + 1} run elsewhere {killed.Elapsed} after its kill; {watcher.Samples} samples");
                Assert.All(moved, id => Assert.NotEqual(victim, after[id]));
                await Task.Delay(1000); // a last look: nothing comes back on the dead node's side
                Assert.Empty(watcher.DoubleRuns);
                AssertNoStampOverlap(cluster);
            }
            Assert.DoesNotContain(cluster.LiveWorkloads(), w => w.Node == victim);
        }
        catch
        {
            cluster.PrintOutputs();
            throw;
        }
    }

    [Fact]
    public async Task A_graceful_leave_moves_the_workloads_with_no_restart_and_no_failure()
    {
        await using var cluster = await ClusterPlacementHarness.StartAsync(output.WriteLine);
        try
        {
            var ids = await cluster.CreateContainersAsync(Containers);
            var before = cluster.Placement();
            var leaver = before.Values.Where(n => n != 0).GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
            var moved = before.Where(p => p.Value == leaver).Select(p => p.Key).ToList();
            Assert.NotEmpty(moved);

            await using (var watcher = cluster.Watch())
            {
                await Asv.OkAsync(cluster.Nodes[0].Url, "cluster", "leave", $"node-{leaver + 1}");
                await Eventually.TrueAsync(() => cluster.Nodes[leaver].HasExited, "the leaving node's process ends", TimeSpan.FromSeconds(60));
                Assert.Equal(0, cluster.Nodes[leaver].ExitCode);
                var after = await Eventually.ValueAsync(() => Task.FromResult(cluster.Placement()),
                    p => ids.All(p.ContainsKey) && p.Values.All(n => n != leaver),
                    "every container runs on the nodes that remain", TimeSpan.FromSeconds(60));
                Assert.Empty(watcher.DoubleRuns);
                AssertNoStampOverlap(cluster);

                // Each moved container, asked on the node that runs it now: running, never restarted, no failure recorded.
                foreach (var id in moved)
                {
                    var info = await cluster.Nodes[after[id]].Client.InspectContainerAsync(id);
                    output.WriteLine($"{info.Name}: {info.State} on node-{after[id] + 1}, restarts {info.RestartCount}, exit {info.ExitCode}");
                    Assert.Equal("running", info.State);
                    Assert.Equal(0, info.RestartCount);
                }
            }
        }
        catch
        {
            cluster.PrintOutputs();
            throw;
        }
    }

    [Fact]
    public async Task A_node_frozen_past_the_failure_timeout_has_its_workloads_fenced_and_never_runs_a_copy_after_it_resumes()
    {
        await using var cluster = await ClusterPlacementHarness.StartAsync(output.WriteLine);
        try
        {
            var ids = await cluster.CreateContainersAsync(Containers);
            var before = cluster.Placement();
            var frozen = before.Values.Where(n => n != 0).GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
            Assert.Contains(frozen, before.Values);

            await using (var watcher = cluster.Watch())
            {
                var stopped = System.Diagnostics.Stopwatch.StartNew();
                Signal("STOP", cluster.Nodes[frozen].Pid);
                try
                {
                    // Frozen, the node cannot stop its workloads: its fence must, before any other node may start them.
                    await Eventually.TrueAsync(() => Task.FromResult(!cluster.LiveWorkloads().Any(w => w.Node == frozen)),
                        "the frozen node's fence kills its workloads", TimeSpan.FromSeconds(60));
                    output.WriteLine($"node-{frozen + 1}'s workloads fenced {stopped.Elapsed} after SIGSTOP");
                    await Eventually.ValueAsync(() => Task.FromResult(cluster.Placement()),
                        p => ids.All(p.ContainsKey) && p.Values.All(n => n != frozen),
                        "every container runs on the nodes that were not frozen", TimeSpan.FromSeconds(60));
                    output.WriteLine($"all containers run elsewhere {stopped.Elapsed} after SIGSTOP");
                    Assert.DoesNotContain(cluster.LiveWorkloads(), w => w.Node == frozen);
                }
                finally
                {
                    Signal("CONT", cluster.Nodes[frozen].Pid);
                }
                // Resumed, the node finds its leases lost and learns it was downed, and stops; meanwhile it must not start or keep any workload.
                var resumed = System.Diagnostics.Stopwatch.StartNew();
                await Eventually.TrueAsync(() => cluster.Nodes[frozen].HasExited, "the downed node stops after it resumes", TimeSpan.FromSeconds(60));
                output.WriteLine($"node-{frozen + 1} ended {resumed.Elapsed} after SIGCONT (exit {cluster.Nodes[frozen].ExitCode})");
                // What it did meanwhile, for the record: its lost leases, the kills, what it refused to act on.
                foreach (var line in cluster.Nodes[frozen].Output.Split('\n').Where(l => l.Contains("lost by", StringComparison.Ordinal)
                    || l.Contains("dropped: this node", StringComparison.Ordinal) || l.Contains("start skipped", StringComparison.Ordinal)
                    || l.Contains("killing the workload", StringComparison.Ordinal)).Take(20))
                    output.WriteLine($"  node-{frozen + 1}: {line.Trim()}");
                await Task.Delay(1000);
                Assert.Empty(watcher.DoubleRuns);
                AssertNoStampOverlap(cluster);
                Assert.True(ids.All(cluster.Placement().ContainsKey), "every container still runs");
            }
            Assert.DoesNotContain(cluster.LiveWorkloads(), w => w.Node == frozen);
        }
        catch
        {
            cluster.PrintOutputs();
            throw;
        }
    }

    /// <summary>
    /// PostgreSQL gone for 6 s (this cluster's database refuses connections; its sessions are ended) is longer than the
    /// leases' trust (2.5 s): every node loses its leases and its workloads are fenced, by design, as no node can tell an
    /// outage from being cut off alone. When PostgreSQL returns the shards take their leases again and every container
    /// acknowledged before runs again, once; a create sent during the outage exists afterwards exactly when it was
    /// acknowledged.
    /// </summary>
    [Fact]
    public async Task After_a_postgresql_outage_every_acknowledged_container_runs_again_and_never_twice()
    {
        await using var cluster = await ClusterPlacementHarness.StartAsync(output.WriteLine);
        try
        {
            var ids = await cluster.CreateContainersAsync(Containers);
            var before = cluster.StampCount();
            await using (var watcher = cluster.Watch())
            {
                var outage = await cluster.CutOffDatabaseAsync();
                var cut = System.Diagnostics.Stopwatch.StartNew();
                Task<ActorSupervisor.Client.Contracts.ContainerInfo> during;
                try
                {
                    during = cluster.Nodes[0].Client.CreateContainerAsync(new RawContainerSpec { Name = "during-outage", Cmd = "sleep 1000" });
                    await Task.Delay(TimeSpan.FromSeconds(6));
                    output.WriteLine($"{cluster.Placement().Count} of {ids.Count} containers run after {cut.Elapsed} without PostgreSQL");
                }
                finally
                {
                    await outage.DisposeAsync();
                }
                var back = System.Diagnostics.Stopwatch.StartNew();
                string? acknowledged = null;
                try
                {
                    acknowledged = (await during).Id;
                    output.WriteLine($"the create sent during the outage was acknowledged after {cut.Elapsed}");
                }
                catch (Exception e) when (e is ApiException or NodeUnreachableException)
                {
                    output.WriteLine($"the create sent during the outage failed after {cut.Elapsed}: {e.GetType().Name}: {e.Message}");
                }
                await Eventually.TrueAsync(() => Task.FromResult(ids.All(cluster.Placement().ContainsKey)),
                    "every container runs again after the outage", TimeSpan.FromSeconds(120));
                output.WriteLine($"all {ids.Count} containers run {back.Elapsed} after PostgreSQL came back");
                var listed = await Eventually.ValueAsync(() => cluster.Nodes[0].Client.ListContainersAsync(all: true),
                    l => ids.All(id => l.Any(c => c.Id == id)), "every container is listed after the outage", TimeSpan.FromSeconds(60));
                if (acknowledged is not null) Assert.Contains(listed, c => c.Id == acknowledged);
                await Task.Delay(1000);
                Assert.Empty(watcher.DoubleRuns);
                AssertNoStampOverlap(cluster);
                output.WriteLine($"workload processes: {before.Processes} before the outage, {cluster.StampCount().Processes} after");
            }
        }
        catch
        {
            cluster.PrintOutputs();
            throw;
        }
    }

    /// <summary>The workloads' own record: no two processes of one container ever stamped at the same time.</summary>
    private void AssertNoStampOverlap(ClusterPlacementHarness cluster)
    {
        var (stamps, processes) = cluster.StampCount();
        output.WriteLine($"{stamps} stamps by {processes} workload processes");
        Assert.True(processes >= Containers, $"only {processes} workload processes stamped");
        Assert.Empty(cluster.StampOverlaps());
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
