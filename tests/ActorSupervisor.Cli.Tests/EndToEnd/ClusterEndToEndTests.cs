using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values.Specs;
using Npgsql;
using Xunit.Abstractions;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Three real node processes on loopback sharing one PostgreSQL journal (ASV_TEST_PG, a database of the test's own):
/// node-1 starts the cluster, node-2 and node-3 join it through node-1's address.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterEndToEndTests(ITestOutputHelper output)
{
    private const int Containers = 30;
    private const string Workload = "sleep 417"; // a duration no other test uses, to find our leftovers by pid and command line

    [Fact]
    public async Task Three_nodes_form_one_cluster_spread_containers_over_their_shards_and_a_node_leaves_gracefully()
    {
        var (connection, database) = CreateDatabase();
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

            for (var i = 0; i < Containers; i++)
            {
                var created = await nodes[0].Client.CreateContainerAsync(new RawContainerSpec { Name = $"c{i}", Cmd = Workload }, start: true);
                Assert.Equal(ContainerStates.Running, created.State);
                if (created.Pid is { } pid) pids.Add(pid);
            }

            // Sharding stats from Akka: the entities sit on more than one node, and all 30 are counted.
            var stats = await Eventually.ValueAsync(() => ShardStatsAsync(nodes[1]), s => s.Shards.Sum(x => x.Containers) == Containers,
                "sharding stats count every container", TimeSpan.FromSeconds(15));
            var perNode = stats.Shards.GroupBy(s => s.Owner!).ToDictionary(g => g.Key, g => g.Sum(s => s.Containers));
            output.WriteLine("entities per node: " + string.Join(", ", perNode.Select(p => $"{p.Key}={p.Value}")));
            Assert.True(perNode.Count(p => p.Value > 0) > 1, "entities on more than one node: " + string.Join(", ", perNode));
            var text = await Asv.OkAsync(nodes[0].Url, "sharding", "stats");
            Assert.Matches(@"total\s+\d+\s+30", text);

            await ObserveCrossNodeAsync(nodes, perNode);

            // node-3 leaves gracefully, asked through node-1; its node stops by itself.
            await Asv.OkAsync(nodes[0].Url, "cluster", "leave", "node-3");
            await Eventually.ValueAsync(() => ClusterShowAsync(nodes[0]),
                v => v.Members.Count(m => m.Status == "up") == 2 && v.Members.All(m => m.NodeId != "node-3"),
                "node-1 lists 2 members up and node-3 gone", TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(() => nodes[2].HasExited, "node-3's process ends after leaving", TimeSpan.FromSeconds(30));
            Assert.Equal(0, nodes[2].ExitCode);
            var after = await Eventually.ValueAsync(() => ShardStatsAsync(nodes[0]), s => s.Shards.Sum(x => x.Containers) == Containers,
                "the 30 entities live on the 2 remaining nodes", TimeSpan.FromSeconds(30));
            Assert.All(after.Shards, s => Assert.NotEqual("node-3", s.Owner));
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
            DropDatabase(database);
        }
    }

    [Fact]
    public async Task A_node_with_another_shard_count_refuses_to_join_and_exits_saying_why()
    {
        var (connection, database) = CreateDatabase();
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
            DropDatabase(database);
        }
    }

    /// <summary>What the API answers today for containers hosted on another node (the directory is per node: issue 12).</summary>
    private async Task ObserveCrossNodeAsync(List<NodeProcess> nodes, Dictionary<string, int> perNode)
    {
        foreach (var node in nodes)
        {
            var listed = await node.Client.ListContainersAsync(all: true);
            output.WriteLine($"{node.Url}: ps -a lists {listed.Count} of {Containers}");
        }
        foreach (var name in new[] { "c0", "c1", "c2" })
        {
            foreach (var node in nodes)
            {
                try
                {
                    var info = await node.Client.InspectContainerAsync(name);
                    output.WriteLine($"inspect {name} on {node.Url}: {info.State} node={info.Node}");
                }
                catch (ActorSupervisor.Client.ApiException e)
                {
                    output.WriteLine($"inspect {name} on {node.Url}: {(int)e.StatusCode} {e.Code}");
                }
            }
        }
        _ = perNode;
    }

    private static async Task<ClusterView> ClusterShowAsync(NodeProcess node) =>
        JsonSerializer.Deserialize(await Asv.OkAsync(node.Url, "cluster", "show", "-o", "json"), ApiJsonContext.Default.ClusterView)!;

    private static async Task<ShardsView> ShardStatsAsync(NodeProcess node) =>
        JsonSerializer.Deserialize(await Asv.OkAsync(node.Url, "sharding", "stats", "-o", "json"), ApiJsonContext.Default.ShardsView)!;

    private static string Config(int n, int port, string connection, string seeds) => $$"""
        actor-supervisor.node {
          id = node-{{n}}
          store.kind = postgres
          store.connection-string = "{{connection}}"
          default-runtime = process
          cluster { port = {{port}}, seeds = [{{seeds}}] }
        }
        """;

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ASV_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ASV_TEST_PG is not set: start a server with 'tests/services/postgres.sh start STATE' and export the line it prints.");

    private static (string ConnectionString, string Database) CreateDatabase()
    {
        var database = $"asv_cluster_{Guid.NewGuid():N}"[..28];
        using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            admin.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            command.ExecuteNonQuery();
        }
        return (new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString, database);
    }

    private static void DropDatabase(string database)
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(ServerConnectionString);
        admin.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        command.ExecuteNonQuery();
    }

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
