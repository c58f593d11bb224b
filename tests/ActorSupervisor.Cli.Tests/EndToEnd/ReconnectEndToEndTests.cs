using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 15: <c>asv events -f</c> and <c>asv logs -f</c> as child processes while their real node stops in
/// order (SIGTERM) and starts again on the same data: they say so, reconnect, and go on without gaps or repeats.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReconnectEndToEndTests
{
    [Fact]
    public async Task Events_follow_rides_out_an_orderly_node_restart_without_repeating_or_losing_events()
    {
        await using var node = await NodeProcess.StartAsync();
        using var events = Asv.Follow(node.Url, "events", "-f", "-o", "json", "--since", "1m");
        await Asv.OkAsync(node.Url, "run", "--name", "before", "--", "sleep", "60");
        await events.WaitForAsync(l => Names(l).Contains("before"), "the first container's events", TimeSpan.FromSeconds(20));

        Assert.Equal(0, await node.StopAsync());
        await events.WaitForAsync(_ => events.Error.Contains("node went away", StringComparison.Ordinal), "the note that the node went away",
            TimeSpan.FromSeconds(20));
        await node.StartAgainAsync();
        await Asv.OkAsync(node.Url, "run", "--name", "after", "--", "sleep", "60");

        var lines = await events.WaitForAsync(l => l.Any(x => Name(x) == "after" && PrintedEvent.Parse(x).Type == "start"),
            "the second container's start", TimeSpan.FromSeconds(60));
        Assert.Contains("asv: reconnected", events.Error, StringComparison.Ordinal);
        var offsets = lines.Select(l => PrintedEvent.Parse(l).Offset).ToList();
        Assert.Equal(offsets.Distinct().Order(), offsets); // increasing, nothing twice
        var history = await PrintedEvent.HistoryAsync(node.Url, "before");
        Assert.All(history.Where(e => e.Offset <= offsets[^1]), e => Assert.Contains(e.Offset, offsets)); // nothing lost
        Assert.Equal(0, await events.InterruptAsync());
    }

    [Fact]
    public async Task Logs_follow_rides_out_an_orderly_node_restart()
    {
        await using var node = await NodeProcess.StartAsync();
        await Asv.OkAsync(node.Url, "run", "--name", "ticker", "--restart", "always",
            "--cmd", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done");
        using var logs = Asv.Follow(node.Url, "logs", "-f", "-t", "ticker");
        await logs.WaitForAsync(l => l.Count >= 2, "two lines", TimeSpan.FromSeconds(20));

        Assert.Equal(0, await node.StopAsync());
        await logs.WaitForAsync(_ => logs.Error.Contains("node went away", StringComparison.Ordinal), "the note that the node went away",
            TimeSpan.FromSeconds(20));
        var before = logs.Lines.Count;
        await node.StartAgainAsync();

        var lines = await logs.WaitForAsync(l => l.Count >= before + 2, "new lines after the restart", TimeSpan.FromSeconds(60));
        Assert.Contains("asv: reconnected", logs.Error, StringComparison.Ordinal);
        // Resumed from the last line's time: no line (time and text) is printed twice.
        Assert.Equal(lines, lines.Distinct());
        Assert.Equal(0, await logs.InterruptAsync());
    }

    [Fact]
    public async Task Node_logs_follow_rides_out_a_node_restart_and_prints_the_new_nodes_lines()
    {
        await using var node = await NodeProcess.StartAsync();
        using var logs = Asv.Follow(node.Url, "node", "logs", "-f", "-o", "json", "--tail", "2");
        await logs.WaitForAsync(l => l.Count >= 2, "the last two lines of the node", TimeSpan.FromSeconds(20));

        Assert.Equal(0, await node.StopAsync());
        await logs.WaitForAsync(_ => logs.Error.Contains("node went away", StringComparison.Ordinal), "the note that the node went away",
            TimeSpan.FromSeconds(20));
        var before = logs.Lines.Count;
        var stoppedAt = Entry(logs.Lines[^1]).Time;
        await node.StartAgainAsync();

        // The restarted node's own start-up lines arrive: all of them are new, so the follower prints them.
        var lines = await logs.WaitForAsync(l => l.Skip(before).Any(x => Entry(x).Time > stoppedAt), "the restarted node's lines", TimeSpan.FromSeconds(60));
        Assert.Contains("asv: reconnected", logs.Error, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(logs.Error, "node went away"));
        // Resumed after the last line printed: times never go back, no line (time and seq) is printed twice.
        var entries = lines.Select(Entry).ToList();
        Assert.Equal(entries.Select(e => e.Time).Order(), entries.Select(e => e.Time));
        Assert.Equal(entries.Count, entries.Select(e => (e.Time, e.Seq, e.Message)).Distinct().Count());
        Assert.Equal(0, await logs.InterruptAsync());
    }

    private static ActorSupervisor.Client.Contracts.NodeLogEntry Entry(string line) =>
        System.Text.Json.JsonSerializer.Deserialize(line, ActorSupervisor.Client.Contracts.ApiJsonContext.Default.NodeLogEntry)!;

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static IEnumerable<string> Names(IReadOnlyList<string> lines) => lines.Select(Name);

    private static string Name(string line)
    {
        using var json = System.Text.Json.JsonDocument.Parse(line);
        return json.RootElement.GetProperty("containerName").GetString()!;
    }
}
