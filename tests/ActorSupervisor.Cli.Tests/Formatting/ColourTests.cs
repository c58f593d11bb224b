using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Tests.Formatting;

/// <summary>Colour only on a terminal, and never when NO_COLOR is set.</summary>
public sealed class ColourTests
{
    private const char Escape = '\u001b';
    private readonly FakeNodeClient node = new();

    public ColourTests()
    {
        node.Histories["web"] = [Samples.Event(5, 3, EventTypes.Die, "exited with code 1", 300)];
        node.Containers.Add(Samples.Summary("web", ContainerStates.Running));
    }

    [Theory]
    [InlineData("history", "web")]
    [InlineData("ps")]
    public async Task A_pipe_gets_no_escape_codes(params string[] args)
    {
        var result = await new CliRunner { Terminal = false }.RunAsync(node, args);
        Assert.DoesNotContain(Escape, result.Out);
    }

    [Fact]
    public async Task A_terminal_gets_colour()
    {
        var result = await new CliRunner { Terminal = true }.RunAsync(node, "history", "web");
        Assert.Contains(Escape, result.Out);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    public async Task NO_COLOR_turns_colour_off_on_a_terminal(string value)
    {
        var runner = new CliRunner { Terminal = true };
        runner.Variables["NO_COLOR"] = value;
        var result = await runner.RunAsync(node, "history", "web");
        Assert.DoesNotContain(Escape, result.Out);
        Assert.Contains("exited with code 1", result.Out);
    }

    [Fact]
    public async Task An_empty_NO_COLOR_does_not_count()
    {
        var runner = new CliRunner { Terminal = true };
        runner.Variables["NO_COLOR"] = "";
        var result = await runner.RunAsync(node, "history", "web");
        Assert.Contains(Escape, result.Out);
    }

    [Fact]
    public async Task On_a_narrow_terminal_ps_cuts_the_command_instead_of_wrapping()
    {
        node.Containers[0] = node.Containers[0] with { Command = "python3 -m http.server --bind 127.0.0.1 8080" };
        var result = await new CliRunner { Terminal = true, Width = 80 }.RunAsync(node, "ps");
        var visible = System.Text.RegularExpressions.Regex.Replace(result.Out, "\u001b\\[[0-9;]*m", "");
        var lines = visible.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("   \"python3 -…\"   ", lines[1]);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public async Task Terminal_tables_fit_the_width_when_the_other_columns_leave_room()
    {
        node.Containers[0] = node.Containers[0] with { Command = string.Join(' ', Enumerable.Repeat("--a-long-flag", 20)) };
        var result = await new CliRunner { Terminal = true, Width = 76 }.RunAsync(node, "ps");
        var visible = System.Text.RegularExpressions.Regex.Replace(result.Out, "\u001b\\[[0-9;]*m", "");
        var lines = visible.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.True(line.Length <= 76, $"{line.Length} columns: {line}"));
    }
}
