using System.Net;
using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Tests.Commands;

/// <summary>0 done, 1 refused (the node's message), 2 usage, 3 unreachable (the address tried).</summary>
public sealed class ExitCodeTests
{
    private readonly FakeNodeClient node = new();
    private readonly CliRunner runner = new();

    public ExitCodeTests()
    {
        node.Infos["web"] = Samples.Info("web", ContainerStates.Running);
        node.Infos["worker"] = Samples.Info("worker", ContainerStates.Exited);
    }

    [Fact]
    public async Task Lifecycle_verbs_print_each_name_and_exit_0()
    {
        var result = await runner.RunAsync(node, "stop", "-t", "3", "web", "worker");
        Assert.Equal((0, "web\nworker\n", ""), (result.ExitCode, result.Out, result.Err));
        Assert.Equal(["stop web t=3", "stop worker t=3"], node.Calls);
    }

    [Theory]
    [InlineData(new[] { "start", "web" }, "start web")]
    [InlineData(new[] { "restart", "web" }, "restart web t=")]
    [InlineData(new[] { "kill", "-s", "HUP", "web" }, "kill web signal=HUP")]
    [InlineData(new[] { "pause", "web" }, "pause web")]
    [InlineData(new[] { "unpause", "web" }, "unpause web")]
    [InlineData(new[] { "rm", "-f", "web" }, "rm web force=True")]
    [InlineData(new[] { "update", "--restart", "always", "web" }, "update web restart=always")]
    public async Task Each_verb_makes_its_call(string[] args, string call)
    {
        var result = await runner.RunAsync(node, args);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal([call], node.Calls);
    }

    [Fact]
    public async Task A_refusal_for_one_container_reports_it_continues_and_exits_1()
    {
        node.Refusals["pause worker"] = "container worker is not running; start it first";
        var result = await runner.RunAsync(node, "pause", "worker", "ghost", "web");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("web\n", result.Out);
        Assert.Equal(
            "asv: worker: container worker is not running; start it first [conflict]\n" +
            "asv: ghost: no container named ghost [not_found]\n", result.Err);
        Assert.Equal(["pause worker", "pause ghost", "pause web"], node.Calls);
    }

    [Fact]
    public async Task Json_output_of_a_verb_is_the_resulting_containers()
    {
        var result = await runner.RunAsync(node, "-o", "json", "start", "web");
        var infos = JsonSerializer.Deserialize(result.Out, ApiJsonContext.Default.IReadOnlyListContainerInfo)!;
        Assert.Equal("web", Assert.Single(infos).Name);
    }

    [Fact]
    public async Task Json_output_of_rm_is_the_removed_names()
    {
        var result = await runner.RunAsync(node, "-o", "json", "rm", "web", "worker");
        Assert.Equal("[\n  \"web\",\n  \"worker\"\n]\n", result.Out);
    }

    [Fact]
    public async Task Run_prints_the_new_id_and_sends_the_spec()
    {
        var result = await runner.RunAsync(node, "run", "--name", "job", "--restart", "on-failure:3", "--", "sh", "-c", "exit 1");
        Assert.Equal((0, Samples.WorkerId + "\n"), (result.ExitCode, result.Out));
        Assert.Equal(["create job start=True"], node.Calls);
        Assert.Equal(["sh", "-c", "exit 1"], node.Infos["job"].Spec.Command);
    }

    [Fact]
    public async Task Create_does_not_start()
    {
        await runner.RunAsync(node, "create", "--name", "job", "--cmd", "sleep 5");
        Assert.Equal(["create job start=False"], node.Calls);
    }

    [Fact]
    public async Task Run_checks_the_spec_before_sending_and_names_the_flag()
    {
        var result = await runner.RunAsync(node, "run", "--name", "img", "--runtime", "docker");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("asv: --image: the docker runtime needs an image\n", result.Err);
        Assert.Empty(node.Calls);
    }

    [Fact]
    public async Task Run_without_a_command_for_the_process_runtime_is_a_usage_error()
    {
        var result = await runner.RunAsync(node, "run", "--name", "nothing");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("asv: the command (after the flags, or --cmd): the process runtime needs command or cmd\n", result.Err);
    }

    [Fact]
    public async Task A_refused_run_shows_the_nodes_details_and_exits_1()
    {
        var refusing = new RefusingClient(new ApiException(HttpStatusCode.BadRequest, new ApiError(ErrorCodes.InvalidArgument, "the spec has 1 problem",
            [new ApiErrorDetail("user", "nobody-here", "no such user on node-a")])));
        var result = await runner.RunAsync(refusing, "run", "--name", "job", "-u", "nobody-here", "--", "true");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("asv: job: the spec has 1 problem [invalid_argument]\n  user = 'nobody-here': no such user on node-a\n", result.Err);
    }

    [Theory]
    [InlineData("ps")]
    [InlineData("inspect", "web")]
    [InlineData("stop", "web")]
    [InlineData("events", "-f")]
    [InlineData("node", "info")]
    public async Task An_unreachable_node_exits_3_naming_the_address(params string[] args)
    {
        var unreachable = new RefusingClient(new NodeUnreachableException(new Uri("http://10.9.8.7:7411"), "Connection refused"));
        var result = await runner.RunAsync(unreachable, args);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("asv: cannot reach the node at http://10.9.8.7:7411/: Connection refused\n" +
                     "Is the node running? Point asv at it with --node URL or ASV_NODE.\n", result.Err);
    }

    [Fact]
    public async Task The_client_is_made_for_the_chosen_node_and_token()
    {
        runner.Variables["ASV_TOKEN"] = "t0k";
        await runner.RunAsync(node, "--node", "https://node-b:9443", "ps");
        var settings = Assert.Single(runner.ClientsMade);
        Assert.Equal((new Uri("https://node-b:9443"), "t0k"), (settings.Node, settings.Token));
    }
}
