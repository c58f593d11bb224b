using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv exec</c> through the real CLI against a real node and real processes.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExecEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly Uri _node = fixture.Url;

    private async Task RunSleeperAsync(string name) =>
        await Asv.OkAsync(_node, "run", "--name", name, "--workdir", "/tmp", "-e", "GREETING=hello there", "--", "sleep", "600");

    [Fact]
    public async Task Exec_runs_in_the_container_s_directory_and_environment_and_its_exit_code_is_asv_s()
    {
        await RunSleeperAsync("exec-ctx");

        // Docker's habit: the command's own flags (-c) follow the container without a "--".
        var result = await Asv.RunAsync(_node, "exec", "exec-ctx", "sh", "-c", "pwd; echo \"$GREETING\"; echo oops >&2; exit 3");

        Assert.Equal("/tmp\nhello there\n", result.Out);
        Assert.Equal("oops\n", result.Err);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Exec_i_feeds_asv_s_stdin_to_the_command_until_it_ends()
    {
        await RunSleeperAsync("exec-stdin");

        var result = await Asv.RunWithInputAsync(_node, "first line\nsecond\n", "exec", "-i", "exec-stdin", "sh", "-c", "tr a-z A-Z; echo done");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("FIRST LINE\nSECOND\ndone\n", result.Out);
    }

    [Fact]
    public async Task A_missing_program_exits_126_with_docker_s_message_and_the_node_logs_one_warning()
    {
        await RunSleeperAsync("exec-missing");

        var result = await Asv.RunAsync(_node, "exec", "exec-missing", "no-such-program-here");

        Assert.Equal(126, result.ExitCode);
        Assert.Contains("exec: \"no-such-program-here\": executable file not found in $PATH", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
        await Eventually.TrueAsync(() => fixture.Node.Output.Contains("exec in exec-missing refused", StringComparison.Ordinal), "the node logs the refusal", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("RuntimeOperationException", fixture.Node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_in_an_unknown_or_stopped_container_is_refused_with_exit_1()
    {
        await Asv.OkAsync(_node, "create", "--name", "exec-stopped", "--", "sleep", "600");

        var unknown = await Asv.RunAsync(_node, "exec", "exec-no-such", "true");
        var stopped = await Asv.RunAsync(_node, "exec", "exec-stopped", "true");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no such container: exec-no-such", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("container exec-stopped is not running", stopped.Err, StringComparison.Ordinal);
    }
}
