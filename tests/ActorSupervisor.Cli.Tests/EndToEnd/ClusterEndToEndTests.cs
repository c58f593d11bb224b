using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values.Specs;
using Xunit.Abstractions;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Three real node processes on loopback sharing one PostgreSQL journal (ASV_TEST_PG, a database of the test's own):
/// node-1 starts the cluster, node-2 and node-3 join it through node-1's address.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterEndToEndTests(ITestOutputHelper output)
{
    // 300 took 7 min on the shared 2-core CI (100 s of creates alone); 150 keeps every check and about half the time.
    private const int Containers = 150;
    private const int CreateConcurrency = 6;
    private const string Workload = "sleep 417"; // a duration no other test uses, to find our leftovers by pid and command line

    [Fact]
    public async Task Three_nodes_form_one_cluster_spread_containers_over_their_shards_and_a_node_leaves_gracefully()
    {
        var (connection, database) = ClusterNodeConfig.CreateDatabase("asv_cluster");
        var ports = Enumerable.Range(0, 3).Select(_ => NodeProcess.FreePort()).ToArray();
        var seed = $"akka.tcp://asv@127.0.0.1:{ports[0]}";
        var nodes = new List<NodeProcess>();
        var pids = new List<int>();
        try
        {
            nodes.Add(await NodeProcess.StartAsync(Config(1, ports[0], connection, seeds: "")));
            nodes.AddRange(await Task.WhenAll(
                NodeProcess.StartAsync(Config(2, ports[1], connection, seeds: $"\"{seed}\"")),
                NodeProcess.StartAsync(Config(3, ports[2], connection, seeds: $"\"{seed}\""))));

            // Every node sees the same three members up and the same leader.
            var leaders = new HashSet<string?>();
            foreach (var node in nodes)
            {
                var view = await Eventually.ValueAsync(() => ClusterShowAsync(node), v => v.Members.Count(m => m.Status == "up") == 3,
                    $"{node.Url} lists 3 members up", TimeSpan.FromSeconds(30));
                Assert.Equal(["node-1", "node-2", "node-3"], view.Members.Select(m => m.NodeId).Order());
                leaders.Add(view.Leader); // Akka's leader: the first up member by address (host, then port), not the oldest
                Assert.Single(view.Members, m => m.Leader);
                Assert.All(view.Members, m => Assert.False(m.Unreachable));
                Assert.Equal("cluster", view.Mode);
            }
            Assert.NotNull(Assert.Single(leaders));

            // Created through all three nodes at once: most creates reach an entity (and a name) on another node.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(CreateConcurrency))
            {
                var creates = Enumerable.Range(0, Containers).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        return await nodes[i % 3].Client.CreateContainerAsync(new RawContainerSpec { Name = $"c{i}", Cmd = Workload }, start: true);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }).ToList();
                foreach (var created in await Task.WhenAll(creates))
                {
                    Assert.Equal(ContainerStates.Running, created.State);
                    if (created.Pid is { } pid) pids.Add(pid);
                }
            }
            output.WriteLine($"{Containers} containers created and started through 3 nodes in {clock.Elapsed.TotalSeconds:F1} s");

            // Sharding stats from Akka: the entities sit on more than one node, and all 30 are counted.
            var stats = await Eventually.ValueAsync(() => ShardStatsAsync(nodes[1]), s => s.Shards.Sum(x => x.Containers) == Containers,
                "sharding stats count every container", TimeSpan.FromSeconds(15));
            var perNode = stats.Shards.GroupBy(s => s.Owner!).ToDictionary(g => g.Key, g => g.Sum(s => s.Containers));
            output.WriteLine("entities per node: " + string.Join(", ", perNode.Select(p => $"{p.Key}={p.Value}")));
            Assert.True(perNode.Count(p => p.Value > 0) > 1, "entities on more than one node: " + string.Join(", ", perNode));
            var text = await Asv.OkAsync(nodes[0].Url, "sharding", "stats");
            Assert.Matches(@"total\s+\d+\s+" + Containers, text);

            // Least-shard allocation: the members' shard counts differ by at most Akka's rebalance threshold (1).
            var spread = await Eventually.ValueAsync(() => ShardStatsAsync(nodes[0]), s =>
                {
                    var shards = s.Shards.Where(x => x.Owner is not null).GroupBy(x => x.Owner!).Select(g => g.Count()).ToList();
                    return shards.Count == 3 && shards.Max() - shards.Min() <= 1;
                }, "shards spread over the 3 nodes within the rebalance threshold", TimeSpan.FromSeconds(40));
            output.WriteLine("shards per node: " + string.Join(", ", spread.Shards.Where(x => x.Owner is not null).GroupBy(x => x.Owner!).Select(g => $"{g.Key}={g.Count()}")));

            var listing = await SameListingEverywhereAsync(nodes, Containers);
            var hostedBy = listing.ToDictionary(c => c.Name, c => c.Node);
            Assert.Equal(["node-1", "node-2", "node-3"], hostedBy.Values.Distinct().Order());
            var psText = await Asv.OkAsync(nodes[2].Url, "ps", "-a", "-q");
            Assert.Equal(Containers, psText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

            await ErrorsFromAnotherNodeAsync(nodes, hostedBy);
            await NamesAreClusterWideAsync(nodes, pids);
            await EventsReachEveryNodeAsync(nodes, hostedBy);
            var talker = await WorkloadsOfAnotherNodeAsync(nodes);
            // logs -f through node-1 of a container on node-3, across node-3's leave: a message naming node-3, then its lines again from its new node.
            using var follower = Asv.Follow(nodes[0].Url, "logs", "-f", talker);
            await follower.WaitForAsync(l => l.Any(x => x.StartsWith(TalkerMark, StringComparison.Ordinal)), $"logs -f on node-1 prints {talker}'s lines (node-3)",
                TimeSpan.FromSeconds(20));

            // node-3 leaves gracefully, asked through node-1; its node stops by itself.
            await Asv.OkAsync(nodes[0].Url, "cluster", "leave", "node-3");
            // Compared as text, so that a timeout shows every member's status.
            await Eventually.ValueAsync(async () => string.Join(" ", (await ClusterShowAsync(nodes[0])).Members.Select(m => $"{m.NodeId}:{m.Status}{(m.Unreachable ? ":unreachable" : "")}").Order()),
                members => members == "node-1:up node-2:up", "node-1 lists 2 members up and node-3 gone", TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(() => nodes[2].HasExited, "node-3's process ends after leaving", TimeSpan.FromSeconds(30));
            Assert.Equal(0, nodes[2].ExitCode);
            var after = await Eventually.ValueAsync(() => ShardStatsAsync(nodes[0]), s => s.Shards.Sum(x => x.Containers) == Containers + 1, // and the talker
                "the 30 entities live on the 2 remaining nodes", TimeSpan.FromSeconds(30));
            Assert.All(after.Shards, s => Assert.NotEqual("node-3", s.Owner));
            // The directories follow: every container is listed on a remaining node, and the same on both.
            var moved = await SameListingEverywhereAsync(nodes.Take(2).ToList(), Containers + 1, c => c.Node != "node-3");
            Assert.DoesNotContain(moved, c => c.Node == "node-3");
            try
            {
                await Eventually.TrueAsync(() => follower.Error.Contains("node-3", StringComparison.Ordinal), "logs -f says node-3 went away",
                    TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                output.WriteLine($"logs -f printed to stderr:\n{follower.Error}\nlast lines:\n{string.Join('\n', follower.Lines.TakeLast(5))}");
                throw;
            }
            var said = follower.Lines.Count;
            await follower.WaitForAsync(l => l.Skip(said).Any(x => x.StartsWith(TalkerMark, StringComparison.Ordinal)),
                $"logs -f goes on with {talker}'s lines from its new node", TimeSpan.FromSeconds(40));
            output.WriteLine($"logs -f across node-3's leave printed to stderr:\n{follower.Error}");
        }
        catch
        {
            foreach (var node in nodes)
                output.WriteLine($"--- {node.Url} printed:\n{node.Output}");
            throw;
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
            KillLeftovers(pids);
            ClusterNodeConfig.DropDatabase(database);
        }
    }

    [Fact]
    public async Task A_node_with_another_shard_count_refuses_to_join_and_exits_saying_why()
    {
        var (connection, database) = ClusterNodeConfig.CreateDatabase("asv_cluster");
        var ports = new[] { NodeProcess.FreePort(), NodeProcess.FreePort() };
        NodeProcess? first = null;
        try
        {
            first = await NodeProcess.StartAsync(Config(1, ports[0], connection, seeds: ""));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.StartAsync(
                Config(2, ports[1], connection, seeds: $"\"akka.tcp://asv@127.0.0.1:{ports[0]}\"") + "\nactor-supervisor.node.shard-count = 50\n"));
            output.WriteLine(refused.Message);
            Assert.Contains("the node exited with 1", refused.Message);
            // The host logs the refusal as it happens; the node's closing "failed to start" line may not reach the console
            // before the process exits, so the test reads the first.
            Assert.Contains("this node's shard count is 50 but node-1", refused.Message);
            Assert.Contains("has 100", refused.Message);
            var view = await Eventually.ValueAsync(() => ClusterShowAsync(first), v => v.Members.Count == 1,
                "node-1 is alone again", TimeSpan.FromSeconds(20));
            Assert.Equal("node-1", Assert.Single(view.Members).NodeId);
        }
        finally
        {
            if (first is not null) await first.DisposeAsync();
            ClusterNodeConfig.DropDatabase(database);
        }
    }

    /// <summary>
    /// Every node lists the same <paramref name="count"/> containers (id, name, state, hosting node and pid), all
    /// matching <paramref name="accept"/>, read in one poll (a container still moving changes between two reads);
    /// returns that listing. A timeout names what the nodes disagree on.
    /// </summary>
    private async Task<IReadOnlyList<ContainerSummary>> SameListingEverywhereAsync(List<NodeProcess> nodes, int count, Func<ContainerSummary, bool>? accept = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var listings = await Eventually.ValueAsync(async () => new Listings(await Task.WhenAll(nodes.Select(n => n.Client.ListContainersAsync(all: true)))),
            l => l.Agree(count, accept ?? (_ => true)), $"every node lists the same {count} containers", TimeSpan.FromSeconds(45));
        output.WriteLine($"the same {count} containers listed by {nodes.Count} nodes after {clock.ElapsedMilliseconds} ms");
        return listings.Of[0];
    }

    /// <summary>One poll's listings, one per node; its text (in a timeout's message) is what they disagree on.</summary>
    private sealed record Listings(IReadOnlyList<ContainerSummary>[] Of)
    {
        public bool Agree(int count, Func<ContainerSummary, bool> accept) =>
            Of.All(l => l.Count == count && l.All(accept)) && Of.Skip(1).All(l => Keys(l).SequenceEqual(Keys(Of[0])));

        public override string ToString()
        {
            var all = Of.SelectMany(Keys).ToHashSet();
            var differing = all.Where(k => Of.Any(l => !Keys(l).Contains(k))).Order().Take(10);
            return $"counts {string.Join("/", Of.Select(l => l.Count))}; on some nodes only: "
                + string.Join("; ", differing.Select(k => $"{k} (on {string.Join(",", Of.Select((l, i) => Keys(l).Contains(k) ? i + 1 : 0).Where(i => i > 0))})"));
        }

        private static List<string> Keys(IReadOnlyList<ContainerSummary> listing) =>
            listing.Select(c => $"{c.Id} {c.Name} {c.State} {c.Node} {c.Pid}").Order().ToList();
    }

    /// <summary>A command refused by an entity on another node comes back as the same HTTP error as a local one.</summary>
    private static async Task ErrorsFromAnotherNodeAsync(List<NodeProcess> nodes, Dictionary<string, string> hostedBy)
    {
        var remote = hostedBy.First(p => p.Value == "node-2").Key;
        var refused = await Assert.ThrowsAsync<ActorSupervisor.Client.ApiException>(() => nodes[0].Client.UnpauseContainerAsync(remote));
        Assert.Equal((System.Net.HttpStatusCode.Conflict, ErrorCodes.Conflict), (refused.StatusCode, refused.Code));
        var cli = await Asv.RunAsync(nodes[0].Url, "unpause", remote);
        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains(refused.Message, cli.ToString(), StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ActorSupervisor.Client.ApiException>(() => nodes[2].Client.StopContainerAsync("no-such-container"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        // An id prefix resolves on any node.
        var id = (await nodes[1].Client.InspectContainerAsync(remote)).Id;
        Assert.Equal(remote, (await nodes[2].Client.InspectContainerAsync(id[..12])).Name);
    }

    private const string TalkerMark = "talk-417";

    /// <summary>
    /// Logs, exec and stats through node-1 of a container whose workload runs on node-3 (its reader answers over Akka
    /// remoting): the same lines as node-3 gives, exec's output, stdin and exit code, stats rows of every node's
    /// containers. Returns the container's name (restart policy always, so that it runs again after a move).
    /// </summary>
    private async Task<string> WorkloadsOfAnotherNodeAsync(List<NodeProcess> nodes)
    {
        string? talker = null;
        for (var i = 0; i < 15 && talker is null; i++)
        {
            var name = $"talker{i}";
            await Asv.OkAsync(nodes[0].Url, "run", "--name", name, "--restart", "always", "--cmd",
                $"i=0; while :; do echo {TalkerMark} $i; echo err-417 $i >&2; i=$((i+1)); sleep 0.2; done");
            if ((await nodes[0].Client.InspectContainerAsync(name)).Node == "node-3") talker = name;
            else await nodes[0].Client.RemoveContainerAsync(name, force: true);
        }
        Assert.NotNull(talker);

        // logs: node-1 reads node-3's lines, both streams, the same as node-3 itself.
        var remote = await Eventually.ValueAsync(() => Asv.OkAsync(nodes[0].Url, "logs", "--tail", "4", talker), t => t.Contains(TalkerMark + " 3", StringComparison.Ordinal),
            "asv logs on node-1 shows the lines of a container on node-3", TimeSpan.FromSeconds(20));
        Assert.Contains("err-417", (await Asv.RunAsync(nodes[0].Url, "logs", "--tail", "4", talker)).ToString(), StringComparison.Ordinal);
        var first = (await nodes[2].Client.GetLogsAsync(talker, new ActorSupervisor.Client.LogQuery(4))).Select(l => l.Text).ToList();
        var viaNode1 = (await nodes[0].Client.GetLogsAsync(talker, new ActorSupervisor.Client.LogQuery(null))).Select(l => l.Text).ToList();
        Assert.True(viaNode1.Count >= first.Count && first.All(viaNode1.Contains), $"node-1: {string.Join("|", viaNode1.TakeLast(6))}; node-3: {string.Join("|", first)}");
        Assert.NotEmpty(remote);

        // exec: output, stdin and exit code of a command beside the workload on node-3.
        var exec = await Asv.RunAsync(nodes[0].Url, "exec", talker, "sh", "-c", "echo from-$(cat /proc/self/cgroup | grep -c asv-cli-cluster-node-3)");
        Assert.True(exec.ExitCode == 0, exec.ToString());
        Assert.Contains("from-", exec.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("from-0", exec.Out, StringComparison.Ordinal); // it ran in node-3's cgroup
        var input = await Asv.RunWithInputAsync(nodes[0].Url, "hello-stdin\n", "exec", "-i", talker, "cat");
        Assert.True(input.ExitCode == 0, input.ToString());
        Assert.Contains("hello-stdin", input.Out, StringComparison.Ordinal);
        Assert.Equal(3, (await Asv.RunAsync(nodes[0].Url, "exec", talker, "sh", "-c", "exit 3")).ExitCode);
        var missing = await Asv.RunAsync(nodes[0].Url, "exec", talker, "no-such-program-417");
        Assert.True(missing.ExitCode == 126, missing.ToString()); // Docker's "cannot run", with its reason, as for a local container
        Assert.Contains("exec: \"no-such-program-417\": executable file not found in $PATH", missing.Err, StringComparison.Ordinal);

        // stats with no argument on node-1: one row per running container of the whole cluster.
        var running = (await nodes[0].Client.ListContainersAsync()).Count;
        var table = await Eventually.ValueAsync(() => Asv.OkAsync(nodes[0].Url, "stats", "--no-stream"),
            t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == running + 1, $"asv stats on node-1 lists all {running} running containers",
            TimeSpan.FromSeconds(20));
        Assert.Contains(talker, table, StringComparison.Ordinal);
        var one = await Asv.OkAsync(nodes[1].Url, "stats", "--no-stream", talker);
        Assert.Equal(2, one.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // The figures: a read of 4 lines and an exec of true, through node-3 itself and through node-1 (median of 10 each).
        output.WriteLine($"FIGURE logs --tail 4: local (node-3) {await MedianMsAsync(() => nodes[2].Client.GetLogsAsync(talker, new ActorSupervisor.Client.LogQuery(4)))} ms, " +
            $"remote (node-1) {await MedianMsAsync(() => nodes[0].Client.GetLogsAsync(talker, new ActorSupervisor.Client.LogQuery(4)))} ms");
        output.WriteLine($"FIGURE exec true: local (node-3) {await MedianMsAsync(() => ExecTrueAsync(nodes[2], talker))} ms, " +
            $"remote (node-1) {await MedianMsAsync(() => ExecTrueAsync(nodes[0], talker))} ms");
        return talker;
    }

    private static Task<int> ExecTrueAsync(NodeProcess node, string container) =>
        node.Client.ExecAsync(container, new ActorSupervisor.Client.ExecOptions(["true"]), null, Stream.Null, Stream.Null);

    private static async Task<string> MedianMsAsync(Func<Task> call)
    {
        var times = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(5).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A name taken through one node is refused through another; of concurrent creates on three nodes exactly one wins.</summary>
    private async Task NamesAreClusterWideAsync(List<NodeProcess> nodes, List<int> pids)
    {
        var taken = await Asv.RunAsync(nodes[1].Url, "run", "--name", "c0", "--cmd", Workload);
        Assert.NotEqual(0, taken.ExitCode);
        Assert.Contains("is already in use by container", taken.ToString(), StringComparison.Ordinal);

        var racers = Enumerable.Range(0, 6).Select(i => Asv.RunAsync(nodes[i % 3].Url, "run", "--name", "racer", "--cmd", Workload)).ToList();
        var results = await Task.WhenAll(racers);
        output.WriteLine("racers: " + string.Join(" | ", results.Select(r => $"{r.ExitCode}: {r.Out.Trim()}{r.Err.Trim()}")));
        Assert.Single(results, r => r.ExitCode == 0);
        Assert.All(results.Where(r => r.ExitCode != 0), r => Assert.Contains("\"racer\" is already in use by container", r.ToString(), StringComparison.Ordinal));
        var racer = await nodes[2].Client.InspectContainerAsync("racer");
        if (racer.Pid is { } pid) pids.Add(pid);
        await nodes[0].Client.RemoveContainerAsync("racer", force: true);
        await Eventually.TrueAsync(async () => (await nodes[1].Client.ListContainersAsync(all: true)).All(c => c.Name != "racer"),
            "the removal reaches node-2's listing", TimeSpan.FromSeconds(10));
    }

    /// <summary>The events of a container hosted on node-1 reach <c>asv events -f</c> on node-3 (pub-sub wakes its feed).</summary>
    private async Task EventsReachEveryNodeAsync(List<NodeProcess> nodes, Dictionary<string, string> hostedBy)
    {
        var name = hostedBy.First(p => p.Value == "node-1").Key;
        using var events = Asv.Follow(nodes[2].Url, "events", "-f", "--since", "10m", "--filter", $"container={name}");
        await events.WaitForAsync(l => l.Any(x => x.Contains(" start ", StringComparison.Ordinal)), $"node-3 replays {name}'s start", TimeSpan.FromSeconds(30));
        var seen = new List<long>();
        for (var round = 1; round <= 3; round++)
        {
            var before = events.Lines.Count;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (round % 2 == 1) await nodes[0].Client.StopContainerAsync(name, timeoutSeconds: 1);
            else await nodes[0].Client.StartContainerAsync(name);
            var verb = round % 2 == 1 ? " die " : " start ";
            // The stop (start) answered once its events were written; from then the other node has a second, plus one for a loaded CI.
            await events.WaitForAsync(l => l.Skip(before).Any(x => x.Contains(verb, StringComparison.Ordinal)), $"node-3 prints{verb}of {name}", TimeSpan.FromSeconds(2));
            seen.Add(clock.ElapsedMilliseconds);
        }
        output.WriteLine($"events of {name} (node-1) printed by asv events -f on node-3 after " + string.Join(", ", seen) + " ms");
    }

    private static async Task<ClusterView> ClusterShowAsync(NodeProcess node) =>
        JsonSerializer.Deserialize(await Asv.OkAsync(node.Url, "cluster", "show", "-o", "json"), ApiJsonContext.Default.ClusterView)!;

    private static async Task<ShardsView> ShardStatsAsync(NodeProcess node) =>
        JsonSerializer.Deserialize(await Asv.OkAsync(node.Url, "sharding", "stats", "-o", "json"), ApiJsonContext.Default.ShardsView)!;

    private static string Config(int n, int port, string connection, string seeds) => ClusterNodeConfig.For("cli-cluster", n, port, connection, seeds);

    /// <summary>Kills, by pid, workloads of this test that outlived their nodes (checked by command line, so a reused pid is spared).</summary>
    private void KillLeftovers(List<int> pids)
    {
        foreach (var pid in pids)
        {
            try
            {
                var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                if (!cmdline.Contains(Workload, StringComparison.Ordinal)) continue;
                output.WriteLine($"leftover workload {pid} ({cmdline.Trim()}) killed");
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // gone already
            }
        }
    }
}
