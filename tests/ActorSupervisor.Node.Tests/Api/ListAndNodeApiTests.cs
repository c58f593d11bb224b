using System.Net;
using System.Net.Http.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

public sealed class ListAndNodeApiTests : IAsyncLifetime
{
    private readonly NodeFactory _node = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = await _node.ReadyClientAsync();
        await _client.CreateAsync("""{"name":"front","cmd":"serve","labels":{"tier":"front"}}""", start: true);
        _node.Time.Advance(TimeSpan.FromSeconds(1));
        await _client.CreateAsync("""{"name":"back","cmd":"serve","labels":{"tier":"back","db":"pg"},"healthcheck":{"test":["CMD","check"]}}""", start: true);
        _node.Time.Advance(TimeSpan.FromSeconds(1));
        await _client.CreateAsync("""{"name":"batch","cmd":"once","labels":{"tier":"back"}}""");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("", "back,front")]
    [InlineData("?all=true", "batch,back,front")]
    [InlineData("?filter=status=created", "batch")]
    [InlineData("?filter=status=created&filter=status=running", "batch,back,front")]
    [InlineData("?all=true&filter=label=tier=back", "batch,back")]
    [InlineData("?all=true&filter=label=db", "back")]
    [InlineData("?all=true&filter=label=tier=back&filter=status=running", "back")]
    [InlineData("?all=true&filter=name=ba", "batch,back")]
    [InlineData("?filter=health=starting", "back")]
    [InlineData("?filter=health=none", "front")]
    public async Task List_shows_running_ones_by_default_newest_first_and_filters_like_docker(string query, string expected)
    {
        var listed = await _client.GetFromJsonAsync(ApiRoutes.Containers + query, ApiJsonContext.Default.IReadOnlyListContainerSummary);

        Assert.Equal(expected, string.Join(",", listed!.Select(c => c.Name)));
    }

    [Fact]
    public async Task List_rows_carry_what_ps_shows()
    {
        var listed = await _client.GetFromJsonAsync(ApiRoutes.Containers + "?filter=name=front", ApiJsonContext.Default.IReadOnlyListContainerSummary);

        var front = Assert.Single(listed!);
        Assert.Equal("fake", front.Runtime);
        Assert.Equal("serve", front.Command);
        Assert.Equal("no", front.Restart);
        Assert.Equal("test-node", front.Node);
        Assert.Equal("front", front.Labels["tier"]);
        Assert.NotNull(front.StartedAt);
    }

    [Fact]
    public async Task Health_is_absent_from_a_row_without_a_health_check_and_none_stays_a_filter_value()
    {
        var listed = await _client.GetFromJsonAsync(ApiRoutes.Containers, ApiJsonContext.Default.IReadOnlyListContainerSummary);

        Assert.Null(listed!.Single(c => c.Name == "front").Health);
        Assert.Equal("starting", listed!.Single(c => c.Name == "back").Health);
    }

    [Fact]
    public async Task Id_filter_matches_a_prefix()
    {
        var back = await _client.InspectAsync("back");

        var listed = await _client.GetFromJsonAsync(ApiRoutes.Containers + "?all=true&filter=id=" + back.Id[..10], ApiJsonContext.Default.IReadOnlyListContainerSummary);

        Assert.Equal(back.Id, Assert.Single(listed!).Id);
    }

    [Fact]
    public async Task Node_info_counts_containers_and_describes_runtimes()
    {
        var info = (await _client.GetFromJsonAsync(ApiRoutes.Node, ApiJsonContext.Default.NodeInfo))!;

        Assert.Equal("test-node", info.NodeId);
        Assert.Equal("single-node", info.Mode);
        Assert.Equal("fake", info.DefaultRuntime);
        Assert.Equal("sqlite", info.DataStore.Kind);
        Assert.StartsWith(_node.DataDirectory, info.DataStore.Location);
        Assert.Equal(3, info.Containers);
        Assert.Equal(2, info.Running);
        Assert.Contains(info.Runtimes, r => r is { Name: "process", Available: true });
        Assert.Contains(info.Runtimes, r => r is { Name: "docker", Available: false });
        Assert.Contains(info.Capabilities, c => c.Name == "memory-limits");
    }

    [Fact]
    public async Task The_cluster_views_show_one_node_hosting_the_shards_of_its_containers()
    {
        var members = (await _client.GetFromJsonAsync(ApiRoutes.ClusterMembers, ApiJsonContext.Default.ClusterView))!;
        var shards = (await _client.GetFromJsonAsync(ApiRoutes.ClusterShards, ApiJsonContext.Default.ShardsView))!;

        var self = Assert.Single(members.Members);
        // From Akka's sharding statistics: Akka allocates a shard on its first message, so only shards with containers are listed.
        var hosted = shards.Shards.Count;
        Assert.InRange(hosted, 1, 3);
        Assert.Equal(("test-node", "up", hosted, 3, true), (self.NodeId, self.Status, self.Shards, self.Containers, self.Leader));
        Assert.Equal(("test-node", "test-node", "single-node"), (members.Self, members.Leader, members.Mode));
        Assert.Equal(8, shards.ShardCount);
        Assert.All(shards.Shards, s => Assert.Equal("test-node", s.Owner));
        Assert.Equal(3, shards.Shards.Sum(s => s.Containers));
    }

    [Fact]
    public async Task Probes_and_metrics_answer_in_text()
    {
        var healthz = await _client.GetAsync(ApiRoutes.Healthz);
        var readyz = await _client.GetAsync(ApiRoutes.Readyz);
        var metrics = await _client.GetStringAsync(ApiRoutes.Metrics);

        Assert.Equal("ok", await healthz.Content.ReadAsStringAsync());
        Assert.Equal("ok", await readyz.Content.ReadAsStringAsync());
        Assert.Contains("asv_ready 1\n", metrics);
        Assert.Contains("asv_containers{state=\"running\"} 2\n", metrics);
        Assert.Contains("asv_containers{state=\"created\"} 1\n", metrics);
        Assert.Contains("# TYPE asv_journal_write_seconds histogram", metrics);
        Assert.Contains("asv_journal_write_seconds_bucket{le=\"+Inf\"}", metrics);
        Assert.Contains("asv_restarts_total 0\n", metrics);
        Assert.Contains("# TYPE asv_commands_in_flight gauge", metrics);
        Assert.Matches(@"\nasv_commands_in_flight \d+\n", metrics);
        Assert.DoesNotContain("Infinity", metrics);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/v1/containers/{nameOrId}/stop\"", document);
        Assert.Contains("\"/api/v1/events\"", document);
        Assert.Contains("ListContainers", document);
    }
}
