using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Tests.Formatting;

public sealed class EventViewTests
{
    private readonly FakeNodeClient node = new();
    private readonly CliRunner runner = new();

    public EventViewTests()
    {
        node.Histories["web"] =
        [
            Samples.Event(1, 1, EventTypes.Create, "created by the API", 600),
            Samples.Event(2, 2, EventTypes.Start, "started by an operator", 599, ("pid", "42")),
            Samples.Event(5, 3, EventTypes.Die, "exited with code 1 after 212ms", 300, ("exitCode", "1"), ("execDuration", "212ms")),
            Samples.Event(6, 4, EventTypes.Restart, "restart 1 of on-failure:5 after exit code 1; waited 100ms", 299, ("attempt", "1"), ("delay", "100ms")),
        ];
        node.Events.AddRange(node.Histories["web"].Skip(2));
    }

    [Fact]
    public async Task History_is_a_timeline_of_when_what_and_why()
    {
        var result = await runner.RunAsync(node, "history", "web");

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("History of web (3f2a9c1b7d4e): 4 events, 2026-11-21T03:00:00.000Z to 2026-11-21T03:05:01.000Z", lines[0]);
        Assert.Matches(@"^TIME\s+EVENT\s+WHY$", lines[1]);
        Assert.Matches(@"^2026-11-21T03:05:00.000Z\s+die\s+exited with code 1 after 212ms$", lines[4]);
        Assert.Matches(@"^2026-11-21T03:05:01.000Z\s+restart\s+restart 1 of on-failure:5 after exit code 1; waited 100ms$", lines[5]);
        Assert.Equal("history web limit= since= until=", node.Calls.Single());
    }

    [Fact]
    public async Task History_wide_adds_sequence_offset_and_attributes()
    {
        var result = await runner.RunAsync(node, "history", "web", "-o", "wide", "--limit", "2");
        Assert.Matches(@"SEQ\s+OFFSET\s+TIME\s+EVENT\s+WHY\s+ATTRIBUTES", result.Out);
        Assert.Matches(@"3\s+5\s+2026-11-21T03:05:00.000Z\s+die\s+exited with code 1 after 212ms\s+execDuration=212ms, exitCode=1", result.Out);
        Assert.Equal("history web limit=2 since= until=", node.Calls.Single());
    }

    [Fact]
    public async Task History_json_is_the_api_list()
    {
        var result = await runner.RunAsync(node, "history", "web", "-o", "json");
        var events = JsonSerializer.Deserialize(result.Out, ApiJsonContext.Default.IReadOnlyListContainerEvent)!;
        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Seq));
    }

    [Fact]
    public async Task History_of_an_unknown_container_exits_1_with_the_nodes_message()
    {
        var result = await runner.RunAsync(node, "history", "ghost");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("asv: error from node: no container named ghost [not_found]\n", result.Err);
    }

    [Fact]
    public async Task Events_print_one_line_each_with_the_type_aligned()
    {
        var result = await runner.RunAsync(node, "events", "--since", "4", "--filter", "container=web");

        Assert.Equal(
            "2026-11-21T03:05:00.000Z  die            web  exited with code 1 after 212ms\n" +
            "2026-11-21T03:05:01.000Z  restart        web  restart 1 of on-failure:5 after exit code 1; waited 100ms\n",
            result.Out);
        var query = node.LastEventQuery!;
        Assert.Equal((false, "4", null), (query.Follow, query.Since, query.Until));
        Assert.Equal(["container=web"], query.Filters);
    }

    [Fact]
    public async Task Event_times_are_sent_as_utc_rfc3339()
    {
        await runner.RunAsync(node, "events", "-f", "--since", "2026-11-21T04:00:00+01:00", "--until", "10m");
        Assert.Equal(("2026-11-21T03:00:00.0000000Z", "10m", true), (node.LastEventQuery!.Since, node.LastEventQuery.Until, node.LastEventQuery.Follow));
    }

    [Fact]
    public async Task Events_json_is_one_object_per_line()
    {
        var result = await runner.RunAsync(node, "events", "-o", "json");
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([5L, 6L], lines.Select(l => JsonSerializer.Deserialize(l, ApiJsonContext.Default.ContainerEvent)!.Offset));
    }

    [Fact]
    public async Task Events_wide_adds_attributes_and_offset()
    {
        var result = await runner.RunAsync(node, "events", "-o", "wide");
        Assert.Contains("waited 100ms  (attempt=1, delay=100ms; offset 6)", result.Out);
    }

    [Fact]
    public async Task Interrupting_a_followed_stream_ends_it_with_exit_0()
    {
        using var interrupt = new CancellationTokenSource();
        node.StaysOpenAfterStreaming = interrupt.Cancel;
        var result = await runner.RunAsync(node, interrupt.Token, "events", "-f");
        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Equal(2, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Interrupting_logs_follow_ends_it_with_exit_0()
    {
        using var interrupt = new CancellationTokenSource();
        node.Logs.Add(new LogLine(CliRunner.Now, "stdout", "tick"));
        node.StaysOpenAfterStreaming = interrupt.Cancel;
        var result = await runner.RunAsync(node, interrupt.Token, "logs", "-f", "web");
        Assert.Equal((0, "tick\n"), (result.ExitCode, result.Out));
    }

    [Fact]
    public async Task Logs_follow_says_once_that_the_containers_node_is_leaving_however_often_it_is_refused()
    {
        // Issue 12: while its node leaves, each retry is refused at once with 503; the notice is printed once, then the lines go on.
        var leaving = new ApiException(System.Net.HttpStatusCode.ServiceUnavailable, new ApiError(ErrorCodes.Unavailable,
            ActorSupervisor.Supervision.Workloads.SessionAdmission.LeavingMessage("node-3")));
        node.LogStreams.Enqueue(([new LogLine(CliRunner.Now, "stdout", "before")], leaving));
        for (var i = 0; i < 4; i++) node.LogStreams.Enqueue(([], leaving));
        node.LogStreams.Enqueue(([new LogLine(CliRunner.Now.AddSeconds(1), "stdout", "after")], null));
        using var interrupt = new CancellationTokenSource();
        node.StaysOpenAfterStreaming = interrupt.Cancel;

        var result = await RunAdvancingTimeAsync(interrupt.Token, "logs", "-f", "web");

        Assert.Equal((0, "before\nafter\n"), (result.ExitCode, result.Out));
        Assert.Equal("asv: its node node-3 is leaving the cluster and takes no new log or exec session; the container moves to another node\n", result.Err);
        Assert.Equal(6, node.Calls.Count(c => c == "logs -f web"));
    }

    [Fact]
    public async Task Interrupting_another_command_exits_130()
    {
        using var interrupt = new CancellationTokenSource();
        await interrupt.CancelAsync();
        var result = await runner.RunAsync(new RefusingClient(new OperationCanceledException(interrupt.Token)), interrupt.Token, "ps");
        Assert.Equal(130, result.ExitCode);
    }

    private static NodeUnreachableException Lost(Uri node) => new(node, "the connection was lost while streaming", streamInterrupted: true);

    private static NodeUnreachableException Refused(Uri node) => new(node, "Connection refused");

    /// <summary>Runs asv while moving the virtual clock past every reconnect delay it waits for.</summary>
    private async Task<CliResult> RunAdvancingTimeAsync(params string[] args) => await RunAdvancingTimeAsync(CancellationToken.None, args);

    private async Task<CliResult> RunAdvancingTimeAsync(CancellationToken interrupt, params string[] args)
    {
        var run = runner.RunAsync(node, interrupt, args);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!run.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "asv did not finish within 30 s");
            runner.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }
        return await run;
    }

    [Fact]
    public async Task A_followed_stream_survives_a_node_restart_and_resumes_after_the_last_event()
    {
        var events = node.Events.ToArray();
        node.EventStreams.Enqueue(([events[0]], Lost(node.NodeUrl)));
        node.EventStreams.Enqueue(([], Refused(node.NodeUrl)));
        node.EventStreams.Enqueue(([events[1]], null));
        using var interrupt = new CancellationTokenSource();
        node.StaysOpenAfterStreaming = interrupt.Cancel;

        var result = await RunAdvancingTimeAsync(interrupt.Token, "events", "-f");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("asv: node went away after event 5; reconnecting… (Ctrl+C to stop; giving up after 60s)\n" +
                          "asv: reconnected; resuming after event 5\n", result.Err, StringComparison.Ordinal);
        Assert.Equal([null, 5L, 5L], node.EventQueries.Select(q => q.LastEventId));
    }

    [Fact]
    public async Task An_orderly_end_of_a_followed_stream_is_a_node_going_away_not_the_end()
    {
        // Issue 15: a node's orderly stop ends its streams cleanly; "events -f" used to exit 0 there.
        var events = node.Events.ToArray();
        node.EventStreams.Enqueue(([events[0]], null));
        node.EventStreams.Enqueue(([events[1]], null));
        using var interrupt = new CancellationTokenSource();
        node.CleanEnds = 1;
        node.StaysOpenAfterStreaming = interrupt.Cancel;

        var result = await RunAdvancingTimeAsync(interrupt.Token, "events", "-f");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([null, 5L], node.EventQueries.Select(q => q.LastEventId));
        Assert.Contains("asv: node went away after event 5; reconnecting…", result.Err, StringComparison.Ordinal);
        Assert.Contains("asv: reconnected", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_followed_stream_the_node_ends_at_until_is_the_end()
    {
        var result = await runner.RunAsync(node, "events", "-f", "--until", "6");
        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Single(node.EventQueries);
    }

    [Fact]
    public async Task Without_an_offset_yet_a_resumed_stream_starts_where_the_first_one_did()
    {
        node.EventStreams.Enqueue(([], Lost(node.NodeUrl)));
        node.EventStreams.Enqueue(([node.Events[0]], null));
        using var interrupt = new CancellationTokenSource();
        node.StaysOpenAfterStreaming = interrupt.Cancel;

        await RunAdvancingTimeAsync(interrupt.Token, "events", "-f");

        Assert.Equal([null, "2026-11-21T03:10:00.0000000Z"], node.EventQueries.Select(q => q.Since));
    }

    [Fact]
    public async Task A_node_that_stays_away_ends_the_follow_with_exit_3_and_how_to_resume()
    {
        node.EventStreams.Enqueue((node.Events.ToArray(), Lost(node.NodeUrl)));
        for (var i = 0; i < 100; i++) node.EventStreams.Enqueue(([], Refused(node.NodeUrl)));

        var result = await RunAdvancingTimeAsync("events", "-f");

        Assert.Equal(3, result.ExitCode);
        Assert.EndsWith("gave up after event 6. Continue with: asv events -f --since 6\n", result.Err);
        Assert.InRange(node.EventQueries.Count, 10, 30);
    }

    [Fact]
    public async Task Without_follow_a_broken_stream_is_not_retried()
    {
        node.StreamEndsWith = Lost(node.NodeUrl);
        var result = await runner.RunAsync(node, "events");
        Assert.Equal(3, result.ExitCode);
        Assert.Single(node.EventQueries);
    }

    [Fact]
    public async Task Logs_print_text_with_optional_timestamps_and_stderr_on_stderr()
    {
        node.Logs.Add(new LogLine(CliRunner.Now, "stdout", "listening on 8080"));
        node.Logs.Add(new LogLine(CliRunner.Now.AddSeconds(1), "stderr", "warning: slow"));

        var plain = await runner.RunAsync(node, "logs", "web");
        Assert.Equal(("listening on 8080\n", "warning: slow\n"), (plain.Out, plain.Err));

        var stamped = await runner.RunAsync(node, "logs", "-f", "-t", "--tail", "5", "--since", "1h", "web");
        Assert.Equal(("2026-11-21T03:10:00.000Z listening on 8080\n", "2026-11-21T03:10:01.000Z warning: slow\n"), (stamped.Out, stamped.Err));
        Assert.Equal(new LogQuery(5, "1h"), node.LastLogQuery);
        // The node ended the stream; asking shows the container is gone, so that is the end.
        Assert.Equal(["logs web", "logs -f web", "inspect web"], node.Calls);
    }

    [Fact]
    public async Task Logs_follow_rides_out_an_orderly_node_stop_and_resumes_after_the_last_line()
    {
        // Issue 15: the first stream ends in order (node stopping); the second replays from the last line's time.
        node.Infos["web"] = Samples.Info("web", ContainerStates.Running);
        node.Logs.Add(new LogLine(CliRunner.Now, "stdout", "one"));
        node.Logs.Add(new LogLine(CliRunner.Now.AddSeconds(1), "stdout", "two"));
        node.CleanEnds = 1;
        using var interrupt = new CancellationTokenSource();
        node.StaysOpenAfterStreaming = interrupt.Cancel;

        var result = await RunAdvancingTimeAsync(interrupt.Token, "logs", "-f", "--tail", "5", "web");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("one\ntwo\n", result.Out); // the replayed lines are not printed twice
        Assert.Equal(new LogQuery(null, "2026-11-21T03:10:01.0000000Z"), node.LastLogQuery);
        Assert.Contains("asv: node went away after the line of 2026-11-21T03:10:01.000Z; reconnecting…", result.Err, StringComparison.Ordinal);
        Assert.Contains("asv: reconnected", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_json_is_one_line_object_per_log_line()
    {
        node.Logs.Add(new LogLine(CliRunner.Now, "stderr", "oops"));
        var result = await runner.RunAsync(node, "logs", "-o", "json", "web");
        Assert.Equal("""{"time":"2026-11-21T03:10:00+00:00","stream":"stderr","text":"oops"}""" + "\n", result.Out);
    }
}
