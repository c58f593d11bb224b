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

    private static IEnumerable<string> Names(IReadOnlyList<string> lines) => lines.Select(Name);

    private static string Name(string line)
    {
        using var json = System.Text.Json.JsonDocument.Parse(line);
        return json.RootElement.GetProperty("containerName").GetString()!;
    }
}
