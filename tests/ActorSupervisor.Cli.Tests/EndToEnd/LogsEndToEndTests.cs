using System.Text.RegularExpressions;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv logs</c> and <c>asv logs -f</c> against a real workload printing a line every 200 ms.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class LogsEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly Uri _node = fixture.Url;

    [Fact]
    public async Task Logs_follow_prints_new_lines_as_the_workload_writes_them()
    {
        await Asv.OkAsync(_node, "run", "--name", "ticker", "--cmd", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done");
        await Eventually.TrueAsync(async () => (await Asv.OkAsync(_node, "logs", "ticker")).Contains("tick 1", StringComparison.Ordinal),
            "the first line is written", TimeSpan.FromSeconds(10));

        var before = Ticks(await Asv.OkAsync(_node, "logs", "--tail", "1", "ticker"));
        Assert.Single(before);
        using var follow = Asv.Follow(_node, "logs", "-f", "--tail", "1", "ticker");

        var lines = await follow.WaitForAsync(l => Ticks(l).Any(t => t >= before[0] + 2), "two lines newer than the ones before it started",
            TimeSpan.FromSeconds(15));
        var ticks = Ticks(lines);
        // Consecutive numbers: nothing lost or repeated between the tail and the followed lines.
        Assert.Equal(Enumerable.Range(ticks[0], ticks.Count), ticks);
        Assert.True(ticks[0] >= before[0], $"tail started at tick {ticks[0]}, before that the last was {before[0]}");
        Assert.Equal(0, await follow.InterruptAsync());
    }

    private static List<int> Ticks(string output) => Ticks(output.Split('\n'));

    private static List<int> Ticks(IEnumerable<string> lines) =>
        lines.Select(l => TickPattern().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"^tick (\d+)$")]
    private static partial Regex TickPattern();
}
