using System.Net;
using System.Net.Http.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

public sealed class ContainerLifecycleApiTests : IAsyncLifetime
{
    private readonly NodeFactory _node = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _node.ReadyClientAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Create_answers_201_with_location_and_the_canonical_spec()
    {
        var response = await _client.PostAsync(ApiRoutes.Containers, Http.Json(
            """{"name":"web","command":["serve","--port","8080"],"memory":"512m","stopTimeout":"1m30s","restart":"on-failure:5","labels":{"tier":"front"},"healthcheck":{"test":["CMD-SHELL","probe"],"interval":"5s"}}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/containers/web", response.Headers.Location?.ToString());
        var info = (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ContainerInfo))!;
        Assert.Equal(64, info.Id.Length);
        Assert.Equal("test-node", info.Node);
        Assert.Equal(ContainerStates.Created, info.State);
        Assert.Equal("fake", info.Spec.Runtime);
        Assert.Equal(["serve", "--port", "8080"], info.Spec.Command);
        Assert.Equal("536870912", info.Spec.Memory);
        Assert.Equal("1m30s", info.Spec.StopTimeout);
        Assert.Equal("on-failure:5", info.Spec.Restart);
        Assert.Equal("SIGTERM", info.Spec.StopSignal);
        Assert.Equal(["CMD-SHELL", "probe"], info.Spec.Healthcheck!.Test);
        Assert.Equal("5s", info.Spec.Healthcheck.Interval);
        Assert.Equal(3, info.Spec.Healthcheck.Retries);
        Assert.Equal("front", info.Spec.Labels!["tier"]);
    }

    [Fact]
    public async Task Run_starts_it_and_inspect_by_name_id_and_prefix_agree()
    {
        var created = await _client.CreateAsync("""{"name":"svc","cmd":"serve"}""", start: true);

        Assert.Equal(ContainerStates.Running, created.State);
        Assert.Equal("serve", created.Spec.Cmd);
        Assert.NotNull(created.StartedAt);
        Assert.Equal(created.Id, (await _client.InspectAsync("svc")).Id);
        Assert.Equal(created.Id, (await _client.InspectAsync(created.Id)).Id);
        Assert.Equal(created.Id, (await _client.InspectAsync(created.Id[..12])).Id);
    }

    [Fact]
    public async Task Stop_start_restart_kill_pause_unpause_change_the_state()
    {
        await _client.CreateAsync("""{"name":"svc","cmd":"serve","restart":"always"}""", start: true);

        var stopped = await _client.VerbAsync("svc", "stop", "?t=0");
        Assert.Equal(ContainerStates.Exited, stopped.State);
        Assert.True(stopped.ManuallyStopped);

        var started = await _client.VerbAsync("svc", "start");
        Assert.Equal(ContainerStates.Running, started.State);
        Assert.False(started.ManuallyStopped);

        var restarted = await _client.VerbAsync("svc", "restart", "?t=0");
        Assert.Equal(ContainerStates.Running, restarted.State);

        var paused = await _client.VerbAsync("svc", "pause");
        Assert.Equal(ContainerStates.Paused, paused.State);
        var unpaused = await _client.VerbAsync("svc", "unpause");
        Assert.Equal(ContainerStates.Running, unpaused.State);

        // A kill answers once the signal is sent, as Docker's does; the exit follows.
        await _client.VerbAsync("svc", "kill", "?signal=KILL");
        var killed = await Eventually.ValueAsync(() => _client.InspectAsync("svc"), c => c.State == ContainerStates.Exited, "the kill ends it");
        Assert.True(killed.ManuallyStopped);
        Assert.Equal(137, killed.ExitCode);
    }

    // docs/api.md stop: "Already stopped: no change, 200" (Docker: 304, `docker stop` exits 0); also when 8 clients
    // stop it at once (issue 15: 903 of 1,000 answered 409). `kill` of a stopped container stays a 409, as in Docker.
    [Fact]
    public async Task Stop_of_a_stopped_container_is_200_no_change_and_concurrent_stops_all_succeed()
    {
        await _client.CreateAsync("""{"name":"calm","cmd":"serve"}""", start: true);

        var stops = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.PostAsync(ApiRoutes.Container("calm", "stop") + "?t=0", null)));
        Assert.All(stops, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var again = await _client.VerbAsync("calm", "stop");
        Assert.Equal(ContainerStates.Exited, again.State);
        await (await _client.PostAsync(ApiRoutes.Container("calm", "kill"), null)).ExpectErrorAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);

        await _client.CreateAsync("""{"name":"fresh","cmd":"serve"}""");
        Assert.Equal(ContainerStates.Created, (await _client.VerbAsync("fresh", "stop")).State);
    }

    [Fact]
    public async Task Commands_the_state_forbids_are_409_with_the_reason()
    {
        await _client.CreateAsync("""{"name":"idle","cmd":"serve"}""");

        var pause = await _client.PostAsync(ApiRoutes.Container("idle", "pause"), null);
        var unpause = await _client.PostAsync(ApiRoutes.Container("idle", "unpause"), null);
        var kill = await _client.PostAsync(ApiRoutes.Container("idle", "kill"), null);

        Assert.Contains("pause", (await pause.ExpectErrorAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict)).Message);
        Assert.Contains("not paused", (await unpause.ExpectErrorAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict)).Message);
        await kill.ExpectErrorAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    [Fact]
    public async Task A_taken_name_is_409_naming_the_holder()
    {
        var first = await _client.CreateAsync("""{"name":"dup","cmd":"serve"}""");

        var second = await _client.PostAsync(ApiRoutes.Containers, Http.Json("""{"name":"dup","cmd":"other"}"""));

        var error = await second.ExpectErrorAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Contains(first.Id, error.Message);
    }

    [Fact]
    public async Task Remove_needs_force_while_running_then_the_container_is_gone()
    {
        await _client.CreateAsync("""{"name":"gone","cmd":"serve"}""", start: true);

        var refused = await _client.DeleteAsync(ApiRoutes.Container("gone"));
        await refused.ExpectErrorAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        var removed = await _client.DeleteAsync(ApiRoutes.Container("gone") + "?force=true");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        var inspect = await _client.GetAsync(ApiRoutes.Container("gone"));
        var error = await inspect.ExpectErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Contains("gone", error.Message);
    }

    [Fact]
    public async Task Unknown_containers_are_404_for_every_verb()
    {
        foreach (var verb in new[] { "start", "stop", "restart", "kill", "pause", "unpause" })
        {
            var response = await _client.PostAsync(ApiRoutes.Container("nosuch", verb), null);
            await response.ExpectErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        }
        await (await _client.GetAsync(ApiRoutes.Container("nosuch", "history"))).ExpectErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await _client.GetAsync(ApiRoutes.Container("nosuch", "logs"))).ExpectErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await _client.DeleteAsync(ApiRoutes.Container("nosuch"))).ExpectErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task An_ambiguous_id_prefix_is_400_saying_how_many_match()
    {
        var ids = new List<string>();
        for (var i = 0; i < 17; i++)
            ids.Add((await _client.CreateAsync($$"""{"name":"c{{i}}","cmd":"serve"}""")).Id);
        var shared = ids.GroupBy(id => id[0]).First(g => g.Count() > 1);

        var response = await _client.GetAsync(ApiRoutes.Container(shared.Key.ToString()));

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains($"matches {shared.Count()} containers", error.Message);
    }

    [Fact]
    public async Task Update_changes_the_restart_policy_and_refuses_a_bad_one()
    {
        await _client.CreateAsync("""{"name":"upd","cmd":"serve"}""");

        var updated = await _client.PostAsync(ApiRoutes.Container("upd", "update"), Http.Json("""{"restart":"unless-stopped"}"""));
        var bad = await _client.PostAsync(ApiRoutes.Container("upd", "update"), Http.Json("""{"restart":"sometimes"}"""));
        var missing = await _client.PostAsync(ApiRoutes.Container("upd", "update"), Http.Json("{}"));
        var tooSmall = await _client.PostAsync(ApiRoutes.Container("upd", "update"), Http.Json("""{"memory":"1m","restart":"always"}"""));
        var badInterval = await _client.PostAsync(ApiRoutes.Container("upd", "update"), Http.Json("""{"healthcheck":{"interval":"soon"}}"""));

        Assert.Equal("unless-stopped", (await updated.Content.ReadFromJsonAsync(ApiJsonContext.Default.ContainerInfo))!.Spec.Restart);
        Assert.Equal("restart", (await bad.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Details![0].Field);
        Assert.Equal("update", (await missing.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Details![0].Field);
        Assert.Equal("memory", (await tooSmall.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Details![0].Field);
        Assert.Equal("healthcheck.interval", (await badInterval.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Details![0].Field);
        var after = await _client.InspectAsync("upd");
        Assert.Equal("unless-stopped", after.Spec.Restart);
        Assert.Null(after.Spec.Memory);
    }

    [Fact]
    public async Task A_crash_is_restarted_after_the_backoff_on_virtual_time()
    {
        await _client.CreateAsync("""{"name":"crashy","cmd":"crash","restart":"on-failure:5"}""", start: true);
        var id = (await _client.InspectAsync("crashy")).Id;

        _node.Fake.ExitNow(id, 1);
        var restarting = await Eventually.ValueAsync(() => _client.InspectAsync("crashy"), c => c.State == ContainerStates.Restarting, "it is restarting");
        Assert.Equal(_node.Time.GetUtcNow() + TimeSpan.FromMilliseconds(100), restarting.NextRestartAt);
        Assert.Equal(1, restarting.ExitCode);

        _node.Time.Advance(TimeSpan.FromMilliseconds(100));
        var running = await Eventually.ValueAsync(() => _client.InspectAsync("crashy"), c => c.State == ContainerStates.Running, "it runs again");
        Assert.Equal(1, running.RestartCount);
    }

    [Fact]
    public async Task A_start_failure_on_run_leaves_it_created_and_answers_runtime_error()
    {
        _node.Fake.DefaultBehavior = new FakeBehavior { StartFailure = "exec: \"nosuch\": executable file not found" };

        var response = await _client.PostAsync(ApiRoutes.Containers + "?start=true", Http.Json("""{"name":"broken","cmd":"nosuch"}"""));

        var error = await response.ExpectErrorAsync(HttpStatusCode.InternalServerError, ErrorCodes.RuntimeError);
        Assert.Contains("executable file not found", error.Message);
        Assert.Equal(ContainerStates.Exited, (await _client.InspectAsync("broken")).State);
    }

    [Fact]
    public async Task Logs_come_from_the_runtime_with_tail()
    {
        _node.Fake.DefaultBehavior = new FakeBehavior { Output = ["one", "two", "three"] };
        await _client.CreateAsync("""{"name":"talker","cmd":"talk"}""", start: true);

        var all = await _client.GetFromJsonAsync(ApiRoutes.Container("talker", "logs"), ApiJsonContext.Default.IReadOnlyListLogLine);
        var tail = await _client.GetFromJsonAsync(ApiRoutes.Container("talker", "logs") + "?tail=1", ApiJsonContext.Default.IReadOnlyListLogLine);
        var badTail = await _client.GetAsync(ApiRoutes.Container("talker", "logs") + "?tail=many");

        Assert.Equal(["one", "two", "three"], all!.Select(l => l.Text));
        Assert.Equal("stdout", all![0].Stream);
        Assert.Equal(["three"], tail!.Select(l => l.Text));
        Assert.Equal("query.tail", (await badTail.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Details![0].Field);
    }

    [Fact]
    public async Task Following_logs_streams_the_lines_and_ends_when_the_workload_ends()
    {
        _node.Fake.DefaultBehavior = new FakeBehavior { Output = ["one", "two"] };
        await _client.CreateAsync("""{"name":"talker","cmd":"talk"}""", start: true);
        using var api = new ActorSupervisor.Client.ActorSupervisorClient(_client, _client.BaseAddress!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var lines = new List<string>();
        await foreach (var line in api.FollowLogsAsync("talker", cancellationToken: timeout.Token))
        {
            lines.Add(line.Text);
            if (lines.Count == 2)
                _node.Fake.ExitNow((await _client.InspectAsync("talker")).Id, 0);
        }

        Assert.Equal(["one", "two"], lines);
        Assert.False(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task History_lists_the_events_in_order_with_why_and_limit()
    {
        await _client.CreateAsync("""{"name":"hist","cmd":"serve","restart":"on-failure:5"}""", start: true);
        await _client.VerbAsync("hist", "stop", "?t=0");

        var history = (await _client.GetFromJsonAsync(ApiRoutes.Container("hist", "history"), ApiJsonContext.Default.IReadOnlyListContainerEvent))!;
        var last = (await _client.GetFromJsonAsync(ApiRoutes.Container("hist", "history") + "?limit=1", ApiJsonContext.Default.IReadOnlyListContainerEvent))!;

        Assert.Equal(["create", "start", "kill", "die", "stop"], history.Select(e => e.Type));
        Assert.Equal(history.Select(e => e.Seq).Order(), history.Select(e => e.Seq));
        Assert.All(history, e => Assert.True(e.Offset > 0 && e.Why.Length > 0 && e.ContainerName == "hist"));
        Assert.Equal("fake", history[0].Attributes["runtime"]);
        Assert.Equal("SIGTERM", history[2].Attributes["signal"]);
        Assert.Equal(history[^1].Offset, Assert.Single(last).Offset);
    }
}
