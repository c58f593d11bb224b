using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Tests.Formatting;

public sealed class NodeViewTests
{
    private readonly FakeNodeClient node = new() { Node = NodeSamples.Node, Cluster = NodeSamples.Cluster, Shards = NodeSamples.Shards };
    private readonly CliRunner runner = new();

    [Fact]
    public async Task Node_info_says_what_works_here_and_why_not()
    {
        var result = await runner.RunAsync(node, "node", "info");
        Assert.Matches(@"Node:\s+node-a", result.Out);
        Assert.Matches(@"Version:\s+1.2.3", result.Out);
        Assert.Matches(@"Uptime:\s+3 hours \(since 2026-11-21T00:10:00.000Z\)", result.Out);
        Assert.Matches(@"Data store:\s+sqlite /var/lib/asv/store.db", result.Out);
        Assert.Matches(@"Containers:\s+12 \(9 running\)", result.Out);
        Assert.Matches(@"runtime docker\s+no\s+no socket at /var/run/docker.sock", result.Out);
        Assert.Matches(@"memory-limits\s+no\s+cgroup v2 memory controller is not delegated to this user", result.Out);
    }

    [Fact]
    public async Task Cluster_show_lists_members_marking_self_leader_and_unreachable()
    {
        var result = await runner.RunAsync(node, "cluster", "show");
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Cluster (cluster), 3 members, leader node-a; answered by node-a:", lines[0]);
        Assert.Matches(@"^node-a \(self\) \(leader\)\s+up\s+-\s+3\s+5\s+akka.tcp://asv@10.0.0.1:4053\s+http://10.0.0.1:7411", lines[2]);
        Assert.Matches(@"^node-b\s+up\s+edge\s+2\s+7\s+akka.tcp://asv@10.0.0.2:4053", lines[3]);
        Assert.Matches(@"^node-c\s+up, unreachable\s+-\s+0\s+0\s+akka.tcp://asv@10.0.0.3:4053\s+http://10.0.0.3:7411", lines[4]);
    }

    [Fact]
    public async Task Sharding_regions_groups_shards_by_node_as_ranges()
    {
        var result = await runner.RunAsync(node, "sharding", "regions");
        Assert.Contains("8 shards:", result.Out);
        Assert.Matches(@"node-a\s+3\s+0-2\s+1", result.Out);
        Assert.Matches(@"node-b\s+2\s+5, 7\s+0", result.Out);
        Assert.Matches(@"\(unassigned\)\s+1\s+6\s+0", result.Out);
    }

    [Fact]
    public async Task Sharding_stats_counts_containers_per_node_and_wide_lists_each_shard()
    {
        var result = await runner.RunAsync(node, "sharding", "stats", "-o", "wide");
        Assert.Matches(@"node-a\s+3\s+5\n", result.Out);
        Assert.Matches(@"node-b\s+2\s+7\n", result.Out);
        Assert.Matches(@"total\s+6\s+12\n", result.Out);
        Assert.Matches(@"2\s+node-a\s+handing-off\s+4\s+2", result.Out);
    }

    [Fact]
    public async Task Json_outputs_are_the_api_documents()
    {
        var info = await runner.RunAsync(node, "node", "info", "-o", "json");
        Assert.Equal("node-a", JsonSerializer.Deserialize(info.Out, ApiJsonContext.Default.NodeInfo)!.NodeId);
        var cluster = await runner.RunAsync(node, "cluster", "show", "-o", "json");
        Assert.Equal(3, JsonSerializer.Deserialize(cluster.Out, ApiJsonContext.Default.ClusterView)!.Members.Count);
        var stats = await runner.RunAsync(node, "sharding", "stats", "-o", "json");
        Assert.Equal(6, JsonSerializer.Deserialize(stats.Out, ApiJsonContext.Default.ShardsView)!.Shards.Count);
    }
}
