using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
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
                output.WriteLine($"node-{victim + 1} killed at {DateTime.UtcNow:HH:mm:ss.fff}");
                await Eventually.TrueAsync(async () => await cluster.Node1ViewAsync() is { } view
                        && view.Members.FirstOrDefault(m => m.NodeId == $"node-{victim + 1}") is null or { Status: "down" or "removed" },
                    "node-1 sees the killed node downed", TimeSpan.FromSeconds(30));
                output.WriteLine($"node-{victim + 1} downed {killed.Elapsed} after its kill (node-1's view may wait up to 3 s for a gone region's statistics)");
                // Its port refuses connections, so the others down it at once and say so, without the failure detector's
                // pause (3 s) and the split-brain resolver's stable-after (2 s here); and quarantine it, which Akka logs,
                // so that the leader removes it without waiting for the failure detector either.
                Assert.Contains(cluster.Nodes.Where((_, n) => n != victim), node => node.Output.Contains("refuses connections on its cluster port", StringComparison.Ordinal));
                Assert.Contains(cluster.Nodes.Where((_, n) => n != victim), node => node.Output.Contains("due to quarantine", StringComparison.Ordinal));
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
        await FreezeANodeAsync(cluster, Containers, stamped: true);
    }

    /// <summary>
    /// The same with Docker workloads: the frozen node's fence kills its engine containers through the node's slice, and the
    /// others start theirs. One engine serves the three nodes here, so a second copy could not even be created under the
    /// container's engine name while the first lives (each node of a real cluster has its own engine): what this shows is
    /// that the fence, not the frozen node, ends them, and that they run again elsewhere.
    /// </summary>
    [Fact]
    public async Task A_node_frozen_past_the_failure_timeout_has_its_docker_workloads_fenced_and_run_again_elsewhere()
    {
        await using var cluster = await ClusterPlacementHarness.StartWithDockerAsync(output.WriteLine);
        await FreezeANodeAsync(cluster, 6, stamped: false);
    }

    /// <summary>
    /// While a member does not answer, node-1's members view (<c>asv cluster show</c>) waits only briefly for the sharding
    /// statistics that member will never send: it answers in well under the 3 s it waits while every member is well.
    /// </summary>
    private async Task AssertViewAnswersAtOnceWhileAMemberIsSilentAsync(ClusterPlacementHarness cluster, string silent)
    {
        static bool Unwell(ClusterView? view, string node) => view?.Members.FirstOrDefault(m => m.NodeId == node) is { Unreachable: true } or { Status: "down" };
        await Eventually.TrueAsync(async () => Unwell(await cluster.Node1ViewAsync(), silent), $"node-1 sees {silent} unreachable", TimeSpan.FromSeconds(60));
        var asked = System.Diagnostics.Stopwatch.StartNew();
        var view = await cluster.Node1ViewAsync();
        output.WriteLine($"node-1's members view answered in {asked.Elapsed} while {silent} was unreachable");
        // Removed meanwhile (the view is then well again): nothing to judge.
        if (Unwell(view, silent)) Assert.True(asked.Elapsed < TimeSpan.FromSeconds(2), $"the view took {asked.Elapsed}");
    }

    /// <summary>
    /// SIGSTOP to the node running the most of <paramref name="count"/> containers (not node-1): its fence kills its
    /// workloads, the others run them, and once resumed it stops without starting or keeping one; nothing ever runs twice.
    /// </summary>
    private async Task FreezeANodeAsync(ClusterPlacementHarness cluster, int count, bool stamped)
    {
        try
        {
            var ids = await cluster.CreateContainersAsync(count);
            var before = cluster.Placement();
            var frozen = before.Values.Where(n => n != 0).GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
            Assert.Contains(frozen, before.Values);

            await using (var watcher = cluster.Watch())
            {
                var stopped = System.Diagnostics.Stopwatch.StartNew();
                cluster.Nodes[frozen].Signal("STOP");
                try
                {
                    // Frozen, the node cannot stop its workloads: its fence must, before any other node may start them.
                    await Eventually.TrueAsync(() => Task.FromResult(!cluster.LiveWorkloads().Any(w => w.Node == frozen)),
                        "the frozen node's fence kills its workloads", TimeSpan.FromSeconds(60));
                    output.WriteLine($"node-{frozen + 1}'s workloads fenced {stopped.Elapsed} after SIGSTOP");
                    if (stamped) await AssertViewAnswersAtOnceWhileAMemberIsSilentAsync(cluster, $"node-{frozen + 1}");
                    await Eventually.ValueAsync(() => Task.FromResult(cluster.Placement()),
                        p => ids.All(p.ContainsKey) && p.Values.All(n => n != frozen),
                        "every container runs on the nodes that were not frozen", TimeSpan.FromSeconds(60));
                    output.WriteLine($"all containers run elsewhere {stopped.Elapsed} after SIGSTOP");
                    Assert.DoesNotContain(cluster.LiveWorkloads(), w => w.Node == frozen);
                    // Resumed only once the others removed it: they have quarantined it and will never gossip to it, so it
                    // must learn from the quarantine that it was downed (QuarantineWatch), not from their gossip.
                    await Eventually.ValueAsync(async () => (await cluster.Nodes[0].Client.GetClusterMembersAsync()).Members.Count,
                        members => members == cluster.Nodes.Count - 1, $"node-1 has removed node-{frozen + 1}", TimeSpan.FromSeconds(60));
                    output.WriteLine($"node-{frozen + 1} removed by the others {stopped.Elapsed} after SIGSTOP");
                }
                finally
                {
                    cluster.Nodes[frozen].Signal("CONT");
                }
                // Resumed, the node finds its leases lost and learns it was downed, and stops; meanwhile it must not start or keep any workload.
                var resumed = System.Diagnostics.Stopwatch.StartNew();
                await Eventually.TrueAsync(() => cluster.Nodes[frozen].HasExited, "the downed node stops after it resumes", TimeSpan.FromSeconds(60));
                output.WriteLine($"node-{frozen + 1} ended {resumed.Elapsed} after SIGCONT (exit {cluster.Nodes[frozen].ExitCode})");
                // What it did meanwhile, for the record: its lost leases, the kills, what it refused to act on.
                foreach (var line in cluster.Nodes[frozen].Output.Split('\n').Where(l => l.Contains("lost by", StringComparison.Ordinal)
                    || l.Contains("dropped: this node", StringComparison.Ordinal) || l.Contains("start skipped", StringComparison.Ordinal)
                    || l.Contains("killing the workload", StringComparison.Ordinal) || l.Contains("has quarantined this node", StringComparison.Ordinal)
                    || l.Contains("SBR took decision", StringComparison.Ordinal)).Take(20))
                    output.WriteLine($"  node-{frozen + 1}: {line.Trim()}");
                await Task.Delay(1000);
                Assert.Empty(watcher.DoubleRuns);
                if (stamped) AssertNoStampOverlap(cluster, count);
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
    /// PostgreSQL gone for 15 s (this cluster's database refuses connections; its sessions are ended, as a server restart
    /// ends them) under a few dozen containers, far longer than the leases' trust (2.5 s here): every node keeps its
    /// leases while its cluster view is healthy (StoreOutageForgiveness), so not one workload is killed or restarted
    /// (each container has the same processes after as before), nothing runs twice, and every acknowledged container is
    /// there after. A create sent during the outage is answered 503 unavailable with Retry-After, not left waiting for
    /// the API's ask timeout; once PostgreSQL is back a create is acknowledged again within seconds.
    /// </summary>
    [Fact]
    public async Task A_postgresql_outage_kills_no_workload_runs_nothing_twice_and_answers_commands_unavailable_meanwhile()
    {
        const int containers = 30;
        await using var cluster = await ClusterPlacementHarness.StartAsync(output.WriteLine);
        try
        {
            var ids = await cluster.CreateContainersAsync(containers);
            var pids = cluster.WorkloadPids();
            Assert.Equal(containers, ids.Count(pids.ContainsKey));
            await using (var watcher = cluster.Watch())
            {
                var outage = await cluster.CutOffDatabaseAsync();
                var cut = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    using var api = ClusterPlacementHarness.RawApi(cluster.Nodes[0]);
                    var sent = System.Diagnostics.Stopwatch.StartNew();
                    using var during = await api.PostAsync("/api/v1/containers?start=true",
                        new StringContent("""{"name":"during-outage","cmd":"sleep 1000"}""", System.Text.Encoding.UTF8, "application/json"));
                    var body = await during.Content.ReadAsStringAsync();
                    output.WriteLine($"a create {sent.Elapsed} into the outage: {(int)during.StatusCode} Retry-After {during.Headers.RetryAfter}: {body}");
                    Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, during.StatusCode);
                    Assert.Contains("\"unavailable\"", body, StringComparison.Ordinal);
                    Assert.NotNull(during.Headers.RetryAfter);
                    // The API's ask timeout is 30 s (61 s for a create's name claim): the answer must come well before.
                    Assert.True(sent.Elapsed < TimeSpan.FromSeconds(15), $"the create was answered after {sent.Elapsed}");

                    await Task.Delay(TimeSpan.FromSeconds(15) - cut.Elapsed);
                    Assert.Equal(pids, cluster.WorkloadPids());
                    output.WriteLine($"all {containers} workloads untouched {cut.Elapsed} into the outage");
                }
                finally
                {
                    await outage.DisposeAsync();
                }
                // Back: the first create acknowledged (a 503 meanwhile is retried after its hint).
                var back = System.Diagnostics.Stopwatch.StartNew();
                var after = await Eventually.ValueAsync<string?>(async () =>
                    {
                        try
                        {
                            return (await cluster.Nodes[0].Client.CreateContainerAsync(new RawContainerSpec { Name = "after-outage", Cmd = "sleep 1000" }, start: true)).Id;
                        }
                        catch (Exception e) when (e is ApiException { Code: ErrorCodes.Unavailable } or NodeUnreachableException)
                        {
                            output.WriteLine($"a create {back.Elapsed} after PostgreSQL came back: {e.Message}");
                            return null;
                        }
                        catch (ApiException e) when (e.Code == ErrorCodes.Conflict)
                        {
                            // An attempt answered 503 was made after all (as its answer said it might be).
                            return (await cluster.Nodes[0].Client.InspectContainerAsync("after-outage")).Id;
                        }
                    },
                    id => id is not null, "a create is acknowledged after the outage", TimeSpan.FromSeconds(90));
                output.WriteLine($"BENCH cluster.outage_recovery.seconds {back.Elapsed.TotalSeconds:F1} s (first create acknowledged after PostgreSQL came back)");
                var listed = await cluster.Nodes[0].Client.ListContainersAsync(all: true);
                Assert.All(ids, id => Assert.Contains(listed, c => c.Id == id));
                Assert.Contains(listed, c => c.Id == after);
                await Task.Delay(1000);
                Assert.Empty(watcher.DoubleRuns);
                AssertNoStampOverlap(cluster);
                var now = cluster.WorkloadPids();
                Assert.All(ids, id => Assert.Equal(pids[id], now.GetValueOrDefault(id)));
            }
        }
        catch
        {
            cluster.PrintOutputs();
            throw;
        }
    }

    /// <summary>The workloads' own record: no two processes of one container ever stamped at the same time.</summary>
    private void AssertNoStampOverlap(ClusterPlacementHarness cluster, int containers = Containers)
    {
        var (stamps, processes) = cluster.StampCount();
        output.WriteLine($"{stamps} stamps by {processes} workload processes");
        Assert.True(processes >= containers, $"only {processes} workload processes stamped");
        Assert.Empty(cluster.StampOverlaps());
    }
}
