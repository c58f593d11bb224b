using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Parsing;

/// <summary>Issue 15: help says what the commands do now (docs/cli.md says the same).</summary>
public sealed class HelpTextTests
{
    private readonly RecordingHandlers handlers = new();

    [Theory]
    [InlineData("apply")]
    [InlineData("run")]
    [InlineData("create")]
    public async Task The_file_option_names_both_spec_formats(string command)
    {
        var result = await new CliRunner().RunAsync(handlers.All, command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("JSON (.json) or HOCON (.conf, .hocon)", result.Out);
    }

    [Fact]
    public async Task Run_help_lists_detach()
    {
        var result = await new CliRunner().RunAsync(handlers.All, "run", "--help");
        Assert.Contains("-d, --detach", result.Out);
    }

    [Theory]
    [InlineData("events")]
    [InlineData("logs")]
    public async Task Following_commands_say_they_ride_out_a_node_restart(string command)
    {
        var result = await new CliRunner().RunAsync(handlers.All, command, "--help");
        Assert.Contains("node restart", result.Out);
    }
}
