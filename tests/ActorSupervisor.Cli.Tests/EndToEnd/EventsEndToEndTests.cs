using System.Globalization;
using System.Text.RegularExpressions;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv events -f</c> as a child process while a container crash-loops on a real node.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class EventsEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly Uri _node = fixture.Url;

    [Fact]
    public async Task Events_follow_shows_a_crash_loop_dying_and_restarting_with_growing_delays()
    {
        // --since covers the time before the stream connects, so no event can slip past it.
        using var events = Asv.Follow(_node, "events", "-f", "--since", "1m", "--filter", "container=crashy");
        await Asv.OkAsync(_node, "run", "--name", "crashy", "--restart", "on-failure:4", "--", "sh", "-c", "exit 1");

        var lines = await events.WaitForAsync(l => l.Count(IsRestart) >= 3 && l.Count(l => Column(l, 1) == "start") >= 4,
            "three restarts and their starts", TimeSpan.FromSeconds(30));

        Assert.Contains(lines, l => Column(l, 1) == "create");
        var restarts = lines.Where(IsRestart).Take(3).Select(l => new
        {
            Waits = Duration(WaitsPattern().Match(l).Groups[1].Value),
            Time = Time(l),
        }).ToList();
        Assert.Equal([100, 200, 400], restarts.Select(r => r.Waits.TotalMilliseconds));
        // Each restart's start follows the die before it by at least the delay it announces; the upper bound only
        // catches a delay gone wrong (seconds), not a loaded machine's lateness.
        var dies = lines.Where(l => Column(l, 1) == "die").Select(Time).ToList();
        var starts = lines.Where(l => Column(l, 1) == "start").Select(Time).Skip(1).Take(3).ToList();
        Assert.Equal(3, starts.Count);
        for (var i = 0; i < 3; i++)
            Assert.InRange((starts[i] - dies[i]).TotalMilliseconds, restarts[i].Waits.TotalMilliseconds - 5, restarts[i].Waits.TotalMilliseconds + 5000);
        Assert.All(lines.Where(l => Column(l, 1) == "die"), l => Assert.Contains("exited with code 1", l, StringComparison.Ordinal));
        // Ctrl+C is how a user ends a followed stream: a normal end.
        Assert.Equal(0, await events.InterruptAsync());
    }

    [Fact]
    public async Task A_stream_joining_a_crash_loop_after_an_update_tells_the_same_why_as_history()
    {
        await Asv.OkAsync(_node, "run", "--name", "looper", "--restart", "on-failure:20", "--", "sh", "-c", "exit 1");
        await Eventually.TrueAsync(async () => (await PrintedEvent.HistoryAsync(_node, "looper"))
            .Count(e => e.Type == "start" && e.Attributes.GetValueOrDefault("trigger") == "policy") >= 2,
            "two restarts", TimeSpan.FromSeconds(20));
        await Asv.OkAsync(_node, "update", "--restart", "always", "looper");

        // No --since: the stream starts now, in the middle of the container's story.
        using var events = Asv.Follow(_node, "events", "-f", "-o", "json", "--filter", "container=looper");
        // The backoff doubles while the test gets going (12.8 s by the 8th restart on a loaded machine), so three events
        // may span die, a 25.6 s wait and start: the deadline covers that.
        var streamed = (await events.WaitForAsync(l => l.Count >= 3, "three live events", TimeSpan.FromSeconds(60)))
            .Select(PrintedEvent.Parse).ToList();
        var history = (await PrintedEvent.HistoryAsync(_node, "looper")).ToDictionary(e => e.Offset);

        Assert.All(streamed, e => Assert.Equal(history[e.Offset].Why, e.Why));
        Assert.Contains(streamed, e => e.Why.Contains("always", StringComparison.Ordinal));
        await Asv.OkAsync(_node, "rm", "-f", "looper");
    }

    private static TimeSpan Duration(string text) =>
        GoDuration.TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    // Docker's sequence: an automatic restart is die then start; the start tells the restart and the wait before it.
    private static bool IsRestart(string line) => Column(line, 1) == "start" && WaitsPattern().IsMatch(line);

    private static string Column(string line, int index) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var parts && parts.Length > index ? parts[index] : "";

    private static DateTimeOffset Time(string line) =>
        DateTimeOffset.Parse(Column(line, 0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex(@"waited (\S+)")]
    private static partial Regex WaitsPattern();

}
