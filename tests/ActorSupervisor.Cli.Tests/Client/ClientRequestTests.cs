using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Client;

/// <summary>Each client call sends the route, query and body of docs/api.md and reads the answer.</summary>
public sealed class ClientRequestTests : IAsyncLifetime
{
    private StubNodeServer server = null!;
    private ActorSupervisorClient client = null!;

    public async Task InitializeAsync()
    {
        server = await StubNodeServer.StartAsync(app =>
        {
            app.MapGet(ApiRoutes.Containers, () => Results.Json(
                (IReadOnlyList<ContainerSummary>)[Samples.Summary("web", ContainerStates.Running, "healthy")],
                ApiJsonContext.Default.IReadOnlyListContainerSummary));
            app.MapPost(ApiRoutes.Containers, () => Results.Json(Samples.Info("web", ContainerStates.Running), ApiJsonContext.Default.ContainerInfo, statusCode: 201));
            app.MapGet(ApiRoutes.ContainerTemplate, (string nameOrId) => Results.Json(Samples.Info(nameOrId, ContainerStates.Running), ApiJsonContext.Default.ContainerInfo));
            app.MapPost(ApiRoutes.ContainerTemplate + "/{verb}", (string nameOrId) => Results.Json(Samples.Info(nameOrId, ContainerStates.Exited), ApiJsonContext.Default.ContainerInfo));
            app.MapDelete(ApiRoutes.ContainerTemplate, () => Results.NoContent());
            app.MapGet(ApiRoutes.ContainerTemplate + "/logs", () => Results.Json(
                (IReadOnlyList<LogLine>)[new LogLine(CliRunner.Now, "stdout", "listening on 8080")], ApiJsonContext.Default.IReadOnlyListLogLine));
            app.MapGet(ApiRoutes.ContainerTemplate + "/history", () => Results.Json(
                (IReadOnlyList<ContainerEvent>)[Samples.Event(10, 1, EventTypes.Create, "created by the API", 60)], ApiJsonContext.Default.IReadOnlyListContainerEvent));
            app.MapGet(ApiRoutes.Node, () => Results.Json(NodeSamples.Node, ApiJsonContext.Default.NodeInfo));
            app.MapGet(ApiRoutes.ClusterMembers, () => Results.Json(NodeSamples.Cluster, ApiJsonContext.Default.ClusterView));
            app.MapGet(ApiRoutes.ClusterShards, () => Results.Json(NodeSamples.Shards, ApiJsonContext.Default.ShardsView));
            app.MapGet(ApiRoutes.Readyz, () => Results.Text("ok"));
            app.MapGet(ApiRoutes.Metrics, () => Results.Text("asv_restarts_total 3\n"));
        });
        client = new ActorSupervisorClient(server.Url, token: "s3cret");
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task List_sends_all_and_each_filter_and_the_token()
    {
        var containers = await client.ListContainersAsync(all: true, ["status=running", "label=tier=front"]);

        Assert.Equal("GET", server.Last.Method);
        Assert.Equal("/api/v1/containers?all=true&filter=status%3Drunning&filter=label%3Dtier%3Dfront", server.Last.PathAndQuery);
        Assert.Equal("Bearer s3cret", server.Last.Authorization);
        var web = Assert.Single(containers);
        Assert.Equal(("web", "running", "healthy", "on-failure:5"), (web.Name, web.State, web.Health, web.Restart));
    }

    [Fact]
    public async Task List_without_options_sends_no_query()
    {
        await client.ListContainersAsync();
        Assert.Equal("/api/v1/containers", server.Last.PathAndQuery);
    }

    [Fact]
    public async Task Create_posts_the_spec_in_camel_case_without_nulls()
    {
        var spec = new RawContainerSpec
        {
            Name = "web",
            Command = ["python3", "-m", "http.server"],
            StopTimeout = "5s",
            Healthcheck = new RawHealthCheck { Test = ["CMD-SHELL", "true"], StartPeriod = "1s" },
        };

        var info = await client.CreateContainerAsync(spec, start: true);

        Assert.Equal("POST", server.Last.Method);
        Assert.Equal("/api/v1/containers?start=true", server.Last.PathAndQuery);
        Assert.Equal("""{"name":"web","command":["python3","-m","http.server"],"stopTimeout":"5s","healthcheck":{"test":["CMD-SHELL","true"],"startPeriod":"1s"}}""",
            server.Last.Body);
        Assert.Equal(Samples.WebId, info.Id);
    }

    [Fact]
    public async Task Inspect_escapes_the_name()
    {
        var info = await client.InspectContainerAsync("web.1");
        Assert.Equal("/api/v1/containers/web.1", server.Last.PathAndQuery);
        Assert.Equal("web.1", info.Name);
    }

    public static TheoryData<string, string> Verbs => new()
    {
        { "start", "/api/v1/containers/web/start" },
        { "stop", "/api/v1/containers/web/stop?t=5" },
        { "stop-default", "/api/v1/containers/web/stop" },
        { "restart", "/api/v1/containers/web/restart?t=0" },
        { "kill", "/api/v1/containers/web/kill?signal=SIGHUP" },
        { "kill-default", "/api/v1/containers/web/kill" },
        { "pause", "/api/v1/containers/web/pause" },
        { "unpause", "/api/v1/containers/web/unpause" },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Lifecycle_verbs_post_to_their_route(string verb, string expected)
    {
        var info = verb switch
        {
            "start" => await client.StartContainerAsync("web"),
            "stop" => await client.StopContainerAsync("web", 5),
            "stop-default" => await client.StopContainerAsync("web"),
            "restart" => await client.RestartContainerAsync("web", 0),
            "kill" => await client.KillContainerAsync("web", "SIGHUP"),
            "kill-default" => await client.KillContainerAsync("web"),
            "pause" => await client.PauseContainerAsync("web"),
            _ => await client.UnpauseContainerAsync("web"),
        };
        Assert.Equal(("POST", expected), (server.Last.Method, server.Last.PathAndQuery));
        Assert.Equal(ContainerStates.Exited, info.State);
    }

    [Fact]
    public async Task Update_posts_the_policy()
    {
        await client.UpdateContainerAsync("web", new UpdateRequest { Restart = "always" });
        Assert.Equal(("POST", "/api/v1/containers/web/update", """{"restart":"always"}"""), (server.Last.Method, server.Last.PathAndQuery, server.Last.Body));
    }

    [Theory]
    [InlineData(false, "/api/v1/containers/web")]
    [InlineData(true, "/api/v1/containers/web?force=true")]
    public async Task Remove_deletes(bool force, string expected)
    {
        await client.RemoveContainerAsync("web", force);
        Assert.Equal(("DELETE", expected), (server.Last.Method, server.Last.PathAndQuery));
    }

    [Fact]
    public async Task Logs_send_tail_and_since()
    {
        var lines = await client.GetLogsAsync("web", new LogQuery(Tail: 10, Since: "10m"));
        Assert.Equal("/api/v1/containers/web/logs?tail=10&since=10m", server.Last.PathAndQuery);
        Assert.Equal("listening on 8080", Assert.Single(lines).Text);
    }

    [Fact]
    public async Task History_sends_the_limit()
    {
        var events = await client.GetHistoryAsync("web", new HistoryQuery(Limit: 3));
        Assert.Equal("/api/v1/containers/web/history?limit=3", server.Last.PathAndQuery);
        Assert.Equal("created by the API", Assert.Single(events).Why);
    }

    [Fact]
    public async Task Node_cluster_and_shards_read_their_views()
    {
        Assert.Equal(NodeSamples.Node.NodeId, (await client.GetNodeInfoAsync()).NodeId);
        Assert.Equal(3, (await client.GetClusterMembersAsync()).Members.Count);
        Assert.Equal(NodeSamples.Shards.ShardCount, (await client.GetShardsAsync()).ShardCount);
        Assert.True(await client.IsReadyAsync());
        Assert.Equal("asv_restarts_total 3\n", await client.GetMetricsTextAsync());
    }

    [Fact]
    public async Task Without_a_token_no_authorization_header_is_sent()
    {
        using var anonymous = new ActorSupervisorClient(server.Url);
        await anonymous.ListContainersAsync();
        Assert.Null(server.Last.Authorization);
    }

    [Fact]
    public async Task A_path_prefix_in_the_node_address_is_kept()
    {
        await using var proxied = await StubNodeServer.StartAsync(app =>
            app.MapGet("/asv" + ApiRoutes.Node, () => Results.Json(NodeSamples.Node, ApiJsonContext.Default.NodeInfo)));
        using var behindProxy = new ActorSupervisorClient(new Uri(proxied.Url, "/asv/"));
        Assert.Equal("node-a", (await behindProxy.GetNodeInfoAsync()).NodeId);
        Assert.Equal("/asv/api/v1/node", proxied.Last.PathAndQuery);
    }

    [Fact]
    public void The_wire_form_round_trips_through_the_shared_context()
    {
        var info = Samples.Info("web", ContainerStates.Restarting) with
        {
            Health = new HealthInfo(HealthStatuses.Unhealthy, 3, [new HealthProbeResult(CliRunner.Now, CliRunner.Now.AddSeconds(1), 1, "refused")]),
            NextRestartAt = CliRunner.Now.AddMilliseconds(400),
        };
        var json = JsonSerializer.Serialize(info, ApiJsonContext.Default.ContainerInfo);
        Assert.Contains("\"nextRestartAt\":", json);
        Assert.Contains("\"failingStreak\":3", json);
        Assert.DoesNotContain("\"error\"", json);
        var back = JsonSerializer.Deserialize(json, ApiJsonContext.Default.ContainerInfo)!;
        Assert.Equal(info.Health.Log[0], back.Health!.Log[0]);
        Assert.Equal(info with { Spec = back.Spec, Health = back.Health }, back);
    }
}
