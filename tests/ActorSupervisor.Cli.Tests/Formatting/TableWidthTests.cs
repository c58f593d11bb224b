using System.Text.RegularExpressions;
using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Tests.Formatting;

/// <summary>Issue 15: tables never wrap; on a terminal of known width the long column is cut with "…", otherwise rows print whole.</summary>
public sealed partial class TableWidthTests
{
    private const string LongCommand = "python3 -m http.server --bind 127.0.0.1 --directory /srv/www/a/rather/deep/tree 8080";

    private static readonly string LongWhy =
        "restart 1 under on-failure:5 after exit code 1 after 1.009s; waits 100ms (backoff 100ms); the next one waits 200ms";

    private readonly FakeNodeClient node = new();

    public TableWidthTests()
    {
        node.Containers.Add(Samples.Summary("web", ContainerStates.Running) with { Command = LongCommand });
        node.Containers.Add(Samples.Summary("worker", ContainerStates.Restarting, restarts: 3, exitCode: 1));
        node.Histories["web"] =
        [
            Samples.Event(5, 3, EventTypes.Die, "exited with code 1", 300),
            Samples.Event(6, 4, EventTypes.Restart, LongWhy, 299),
        ];
    }

    [Theory]
    [InlineData("ps")]
    [InlineData("history", "web")]
    public async Task At_80_columns_rows_are_cut_with_an_ellipsis_and_never_wrap(params string[] args)
    {
        node.Containers.RemoveAt(1);
        var result = await new CliRunner { Terminal = true, Width = 80 }.RunAsync(node, args);

        var lines = Visible(result.Out);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(args[0] == "ps" ? 2 : 4, lines.Length); // (title,) header and one line per row: nothing wrapped
        Assert.All(lines.Where(l => !l.StartsWith("History of", StringComparison.Ordinal)),
            line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(lines, l => l.Contains('…', StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_other_columns_alone_overflow_rows_still_stay_on_one_line_as_docker_ps_does()
    {
        var result = await new CliRunner { Terminal = true, Width = 60 }.RunAsync(node, "ps");

        var lines = Visible(result.Out);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^77aa9c1b7d4e\s{3,}worker\s{3,}""python…""\s{3,}10 minutes ago\s{3,}Restarting \(1\) 5 seconds ago\s{3,}3$", lines[2]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(null)]
    public async Task With_0_or_unknown_columns_rows_print_whole_on_one_line(int? width)
    {
        var runner = new CliRunner { Terminal = true, Width = width };

        var ps = Visible((await runner.RunAsync(node, "ps")).Out);
        var history = Visible((await runner.RunAsync(node, "history", "web")).Out);

        Assert.Equal(3, ps.Length);
        Assert.Matches(@"^3f2a9c1b7d4e\s{3,}web\s{3,}""python3 -m http.server --bind…""\s{3,}10 minutes ago", ps[1]);
        Assert.Equal(4, history.Length);
        Assert.EndsWith(LongWhy, history[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_a_terminal_nothing_is_cut_but_the_command_docker_style()
    {
        var history = Visible((await new CliRunner { Terminal = false, Width = 40 }.RunAsync(node, "history", "web")).Out);
        Assert.EndsWith(LongWhy, history[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wide_output_never_cuts()
    {
        var result = await new CliRunner { Terminal = true, Width = 80 }.RunAsync(node, "ps", "-o", "wide");
        Assert.Contains(LongCommand, result.Out, StringComparison.Ordinal);
        Assert.Equal(3, Visible(result.Out).Length);
    }

    [Theory]
    [InlineData(120, null, 120)]
    [InlineData(0, null, null)]
    [InlineData(0, "100", 100)]
    [InlineData(0, "0", null)]
    [InlineData(0, "wide", null)]
    [InlineData(-1, null, null)]
    public void The_terminal_width_is_what_the_terminal_says_else_COLUMNS_else_unknown(int reported, string? columns, int? expected)
    {
        Assert.Equal(expected, CliEnvironment.DetectWidth(() => reported, name => name == "COLUMNS" ? columns : null));
    }

    [Fact]
    public void A_terminal_that_cannot_be_asked_has_an_unknown_width()
    {
        Assert.Null(CliEnvironment.DetectWidth(() => throw new IOException("not a tty"), _ => null));
    }

    private static string[] Visible(string output) =>
        EscapeCodes().Replace(output, "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex EscapeCodes();
}
