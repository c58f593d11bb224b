using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// <c>asv history</c> across an explicit start and a node restart; the node's shutdown with a stream open; the past on
/// demand (issue 17): <c>inspect --at</c> and <c>history --since/--until</c> from the journal, across a node restart.
/// </summary>
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

    [Fact]
    public async Task Inspect_at_and_a_history_window_rebuild_the_past_across_a_node_restart()
    {
        await Asv.OkAsync(_node.Url, "run", "--name", "past", "--restart", "on-failure:1", "--", "sh", "-c", "sleep 1; exit 3");
        await WaitForAsync("past", h => h.Count(e => e.Type == "die") == 2, "both runs ended");
        Assert.Equal(0, await _node.StopAsync());
        await _node.StartAgainAsync();
        var history = await PrintedEvent.HistoryAsync(_node.Url, "past");
        var starts = history.Where(e => e.Type == "start").ToList();
        var dies = history.Where(e => e.Type == "die").ToList();

        // In the middle of the first run: running, not yet restarted.
        var during = await InspectAsync("past", "--at", Rfc3339(starts[0].Time + (dies[0].Time - starts[0].Time) / 2));
        Assert.Equal("running", during.GetProperty("state").GetString());
        Assert.Equal(0, during.GetProperty("restartCount").GetInt32());
        Assert.Equal(starts[0].Time, during.GetProperty("startedAt").GetDateTimeOffset());

        // Between the first exit and the restart's start: exited with 3, the restart not yet counted as done.
        var between = await InspectAsync("past", "--at", Rfc3339(dies[0].Time));
        Assert.Equal(3, between.GetProperty("exitCode").GetInt32());
        Assert.NotEqual("running", between.GetProperty("state").GetString());

        // After the last event the past is the present.
        var now = await InspectAsync("past");
        var late = await InspectAsync("past", "--at", "0s");
        foreach (var field in new[] { "state", "restartCount", "exitCode", "startedAt", "finishedAt" })
            Assert.Equal(now.GetProperty(field).ToString(), late.GetProperty(field).ToString());

        // Before it was created it did not exist: a clear error, exit 1.
        var before = await Asv.RunAsync(_node.Url, "inspect", "--at", Rfc3339(history[0].Time - TimeSpan.FromSeconds(1)), "past");
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("did not exist", before.Err, StringComparison.Ordinal);

        // A window: exactly the events of the first exit up to the restart's start, told as in the whole history.
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node.Url, "history", "-o", "json", "--since", Rfc3339(dies[0].Time), "--until", Rfc3339(starts[1].Time), "past"));
        var window = json.RootElement.EnumerateArray().Select(PrintedEvent.Parse).ToList();
        Assert.Equal(history.Where(e => e.Time >= dies[0].Time && e.Time <= starts[1].Time).Select(e => (e.Offset, e.Why)), window.Select(e => (e.Offset, e.Why)));
        Assert.Equal(["die", "start"], window.Select(e => e.Type));

        var bad = await Asv.RunAsync(_node.Url, "history", "--since", "yesterday", "past");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--since 'yesterday'", bad.Err, StringComparison.Ordinal);
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private async Task<JsonElement> InspectAsync(params string[] args)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node.Url, ["inspect", "-o", "json", .. args]));
        return json.RootElement[0].Clone();
    }

    private static bool UsedAllRetries(PrintedEvent e) => e.Type == "die" && e.Why.Contains("on-failure:2 used all 2 retries", StringComparison.Ordinal);

    private async Task WaitForAsync(string name, Func<List<PrintedEvent>, bool> accept, string what) =>
        await Eventually.TrueAsync(async () => accept(await PrintedEvent.HistoryAsync(_node.Url, name)), what, TimeSpan.FromSeconds(20));
}
