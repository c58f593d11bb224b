using System.Diagnostics;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv history</c> across an explicit start and a node restart; the node's shutdown with a stream open.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class HistoryEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly NodeProcess _node = fixture.Node;

    [Fact]
    public async Task History_tells_the_whole_story_after_a_node_restart_and_an_explicit_start_resets_the_restart_count()
    {
        await Asv.OkAsync(_node.Url, "run", "--name", "flaky", "--restart", "on-failure:2", "--", "sh", "-c", "echo failing; exit 1");
        await WaitForAsync("flaky", h => h.Count(UsedAllRetries) == 1, "the retries are used up");

        // An explicit start resets the restart count, so on-failure:2 gets its two retries again.
        await Asv.OkAsync(_node.Url, "start", "flaky");
        await WaitForAsync("flaky", h => h.Count(UsedAllRetries) == 2, "the retries are used up again");

        // The node goes down with an events and a logs stream open; it must not wait out its shutdown timeout (30s) for them.
        using (var events = Asv.Follow(_node.Url, "events", "-f", "--since", "1h"))
        using (var logs = Asv.Follow(_node.Url, "logs", "-f", "flaky"))
        {
            await events.WaitForAsync(l => l.Any(x => x.Contains("used all 2 retries", StringComparison.Ordinal)), "the events stream is open",
                TimeSpan.FromSeconds(10));
            await logs.WaitForAsync(l => l.Contains("failing"), "the logs stream is open", TimeSpan.FromSeconds(10));
            var stopping = Stopwatch.StartNew();
            Assert.Equal(0, await _node.StopAsync());
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"the node took {stopping.Elapsed} to stop with streams open");
        }
        await _node.StartAgainAsync();

        var table = await Asv.OkAsync(_node.Url, "history", "flaky");
        var history = await PrintedEvent.HistoryAsync(_node.Url, "flaky");

        // Docker's sequence: an automatic restart is die then start; its attempt and delay ride on the start.
        Assert.Equal(["create", "start", "die", "start", "die", "start", "die",
                      "start", "die", "start", "die", "start", "die"], history.Select(e => e.Type));
        Assert.Equal(history.Select(e => e.Time).Order(), history.Select(e => e.Time));
        Assert.Equal(["1", "2", "1", "2"], history.Where(e => e.Type == "start" && e.Attributes.GetValueOrDefault("trigger") == "policy")
            .Select(e => e.Attributes["attempt"]));
        Assert.Contains("History of flaky", table, StringComparison.Ordinal);
        Assert.Contains("exited with code 1", table, StringComparison.Ordinal);
        Assert.Contains("restart 1 under on-failure:2 after exit code 1", table, StringComparison.Ordinal);
        Assert.Contains("restart 2 under on-failure:2 after exit code 1", table, StringComparison.Ordinal);
        Assert.Equal(2, history.Count(UsedAllRetries));
        Assert.All(history, e => Assert.False(string.IsNullOrWhiteSpace(e.Why)));
    }

    private static bool UsedAllRetries(PrintedEvent e) => e.Type == "die" && e.Why.Contains("on-failure:2 used all 2 retries", StringComparison.Ordinal);

    private async Task WaitForAsync(string name, Func<List<PrintedEvent>, bool> accept, string what) =>
        await Eventually.TrueAsync(async () => accept(await PrintedEvent.HistoryAsync(_node.Url, name)), what, TimeSpan.FromSeconds(20));
}
