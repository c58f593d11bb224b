using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Parsing;

public sealed class OtherCommandParsingTests
{
    private readonly RecordingHandlers handlers = new();
    private readonly CliRunner runner = new();

    private async Task Parse(params string[] args)
    {
        var result = await runner.RunAsync(handlers.All, args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Events_flags()
    {
        await Parse("events", "-f", "--since", "120", "--until", "2026-11-21T04:00:00Z", "--filter", "container=web", "--filter", "type=die");
        var request = handlers.RequestAs<EventsRequest>();
        Assert.True(request.Follow);
        Assert.Equal(("120", "2026-11-21T04:00:00Z"), (request.Since, request.Until));
        Assert.Equal(["container=web", "type=die"], request.Filters);
    }

    [Fact]
    public async Task Events_without_flags_reads_the_stored_events()
    {
        await Parse("events");
        Assert.Equal(new EventsRequest(false, null, null, []), handlers.RequestAs<EventsRequest>() with { Filters = [] });
    }

    [Theory]
    [InlineData(new[] { "apply", "-f", "c.json" }, false, false)]
    [InlineData(new[] { "apply", "--file", "c.json", "--prune", "--dry-run" }, true, true)]
    public async Task Apply_flags(string[] args, bool prune, bool dryRun)
    {
        await Parse(args);
        Assert.Equal(new ApplyRequest("c.json", prune, dryRun), handlers.RequestAs<ApplyRequest>());
    }

    [Theory]
    [InlineData("node", "info", nameof(NodeView.NodeInfo))]
    [InlineData("cluster", "show", nameof(NodeView.ClusterMembers))]
    [InlineData("sharding", "regions", nameof(NodeView.ShardRegions))]
    [InlineData("sharding", "stats", nameof(NodeView.ShardStats))]
    public async Task Node_and_cluster_views(string group, string verb, string view)
    {
        await Parse(group, verb);
        Assert.Equal(Enum.Parse<NodeView>(view), handlers.RequestAs<NodeView>());
    }

    [Theory]
    [InlineData(new[] { "cluster", "join", "akka.tcp://asv@10.0.0.5:4053" }, "join", "akka.tcp://asv@10.0.0.5:4053")]
    [InlineData(new[] { "cluster", "leave" }, "leave", null)]
    [InlineData(new[] { "cluster", "leave", "node-3" }, "leave", "node-3")]
    [InlineData(new[] { "cluster", "down", "node-2" }, "down", "node-2")]
    public async Task Cluster_membership_commands(string[] args, string verb, string? target)
    {
        await Parse(args);
        Assert.Equal(new ClusterCommand(verb, target), handlers.RequestAs<ClusterCommand>());
    }

    [Fact]
    public async Task Global_options_default_to_the_loopback_node_and_tables()
    {
        await Parse("ps");
        Assert.Equal(new GlobalSettings(new Uri("http://127.0.0.1:7411"), null, OutputFormat.Table), handlers.Settings);
    }

    [Fact]
    public async Task Environment_sets_node_and_token()
    {
        runner.Variables["ASV_NODE"] = "http://10.0.0.5:9000";
        runner.Variables["ASV_TOKEN"] = "s3cret";
        await Parse("ps");
        Assert.Equal(new GlobalSettings(new Uri("http://10.0.0.5:9000"), "s3cret", OutputFormat.Table), handlers.Settings);
    }

    [Fact]
    public async Task Flags_beat_the_environment_and_work_after_the_verb()
    {
        runner.Variables["ASV_NODE"] = "http://10.0.0.5:9000";
        runner.Variables["ASV_TOKEN"] = "from-env";
        await Parse("ps", "--node", "node-b:7411", "--token", "from-flag", "-o", "wide");
        Assert.Equal(new GlobalSettings(new Uri("http://node-b:7411"), "from-flag", OutputFormat.Wide), handlers.Settings);
    }

    [Theory]
    [InlineData("json", nameof(OutputFormat.Json))]
    [InlineData("wide", nameof(OutputFormat.Wide))]
    [InlineData("table", nameof(OutputFormat.Table))]
    public async Task Output_choices(string text, string format)
    {
        await Parse("--output", text, "node", "info");
        Assert.Equal(Enum.Parse<OutputFormat>(format), handlers.Settings!.Output);
    }
}
