using System.Net;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

public sealed class EventStreamApiTests : IAsyncLifetime
{
    private readonly NodeFactory _node = new();
    private HttpClient _http = null!;
    private ActorSupervisorClient _client = null!;

    public async Task InitializeAsync()
    {
        _http = await _node.ReadyClientAsync();
        _client = new ActorSupervisorClient(_http, _http.BaseAddress!);
        await _http.CreateAsync("""{"name":"alpha","cmd":"serve"}""", start: true);
        await _http.CreateAsync("""{"name":"beta","cmd":"serve"}""", start: true);
        await _http.VerbAsync("alpha", "stop", "?t=0");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Stored_events_come_in_offset_order_with_names_and_reasons()
    {
        var events = await ReadAsync(new EventQuery { Since = "0", Follow = false });

        Assert.Equal(
            ["alpha create", "alpha start", "beta create", "beta start", "alpha kill", "alpha die", "alpha stop"],
            events.Select(e => $"{e.ContainerName} {e.Type}"));
        Assert.Equal(events.Select(e => e.Offset).Order(), events.Select(e => e.Offset));
        Assert.All(events, e => Assert.False(string.IsNullOrWhiteSpace(e.Why)));
    }

    [Fact]
    public async Task Filters_by_container_and_type_with_or_within_a_key()
    {
        var alpha = await ReadAsync(new EventQuery { Since = "0", Follow = false, Filters = ["container=alpha", "type=start", "type=stop"] });
        var beta = await ReadAsync(new EventQuery { Since = "0", Follow = false, Filters = ["container=" + (await _http.InspectAsync("beta")).Id[..12]] });

        Assert.Equal(["start", "stop"], alpha.Select(e => e.Type));
        Assert.Equal(["create", "start"], beta.Select(e => e.Type));
    }

    [Fact]
    public async Task Last_event_id_resumes_right_after_that_event_and_until_ends_the_stream()
    {
        var all = await ReadAsync(new EventQuery { Since = "0", Follow = false });

        var resumed = await ReadAsync(new EventQuery { Follow = false, LastEventId = all[2].Offset });
        var until = await ReadAsync(new EventQuery { Since = "0", Until = all[3].Offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(all.Skip(3).Select(e => e.Offset), resumed.Select(e => e.Offset));
        Assert.Equal(all.Take(4).Select(e => e.Offset), until.Select(e => e.Offset));
    }

    [Fact]
    public async Task Since_a_time_keeps_only_later_events()
    {
        _node.Time.Advance(TimeSpan.FromMinutes(5));
        await _http.VerbAsync("beta", "pause");

        var recent = await ReadAsync(new EventQuery { Since = "2m", Follow = false });

        Assert.Equal(["beta pause"], recent.Select(e => $"{e.ContainerName} {e.Type}"));
    }

    [Fact]
    public async Task Following_without_since_delivers_only_new_events_as_they_happen()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new List<ContainerEvent>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in _client.StreamEventsAsync(new EventQuery(), stop.Token))
            {
                received.Add(e);
                if (e.Type == EventTypes.Unpause)
                    return;
            }
        }, stop.Token);
        // The stream starts at the newest offset when it opens: keep acting until the first new event shows up.
        await Eventually.TrueAsync(async () =>
        {
            await _http.VerbAsync("beta", "pause");
            await _http.VerbAsync("beta", "unpause");
            return reading.IsCompleted;
        }, "the live stream delivers a new event");

        Assert.All(received, e => Assert.Equal("beta", e.ContainerName));
        Assert.DoesNotContain(received, e => e.Type == EventTypes.Create);
        Assert.Equal(EventTypes.Unpause, received[^1].Type);
    }

    [Fact]
    public async Task A_stream_that_starts_after_a_create_still_explains_with_the_container_policy()
    {
        var crashy = await _http.CreateAsync("""{"name":"crashy","cmd":"crash","restart":"on-failure:5"}""", start: true);
        var before = (await ReadAsync(new EventQuery { Since = "0", Follow = false }))[^1].Offset;

        _node.Fake.ExitNow(crashy.Id, 2);
        // A policy restart is die then start, as in Docker's feed: the decision rides on the start.
        await Eventually.TrueAsync(async () => (await _http.InspectAsync("crashy")).RestartCount == 1, "the restart is due");
        _node.Time.Advance(TimeSpan.FromSeconds(1));
        var restart = await Eventually.ValueAsync(() => ReadAsync(new EventQuery { LastEventId = before, Follow = false, Filters = ["type=start"] }),
            events => events.Count == 1, "the restart's start is recorded");

        Assert.Equal("crashy", restart[0].ContainerName);
        Assert.Equal(("on-failure:5", "policy", "1"), (restart[0].Attributes["policy"], restart[0].Attributes["trigger"], restart[0].Attributes["attempt"]));
        Assert.Contains("under on-failure:5 after exit code 2", restart[0].Why);
        Assert.Empty(await ReadAsync(new EventQuery { LastEventId = before, Follow = false, Filters = ["type=restart"] }));
    }

    [Fact]
    public async Task A_stream_that_starts_mid_story_tells_every_why_as_history_does()
    {
        var crashy = await _http.CreateAsync("""{"name":"looper","cmd":"crash","restart":"on-failure:5"}""", start: true);
        _node.Fake.ExitNow(crashy.Id, 2);
        await Eventually.TrueAsync(async () => (await _http.InspectAsync("looper")).RestartCount == 1, "the first restart is due");
        await _client.UpdateContainerAsync("looper", new UpdateRequest { Restart = "always" });
        var before = (await ReadAsync(new EventQuery { Since = "0", Follow = false }))[^1].Offset;

        // The stream's first event of the container is the restart's start: its sentence needs the attempt recorded earlier.
        _node.Time.Advance(TimeSpan.FromSeconds(1));
        var joined = await Eventually.ValueAsync(() => ReadAsync(new EventQuery { LastEventId = before, Follow = false, Filters = ["container=looper"] }),
            events => events.Any(e => e.Type == EventTypes.Start), "the restart's start is recorded");
        var history = (await _client.GetHistoryAsync("looper")).ToDictionary(e => e.Offset);

        Assert.All(joined, e => Assert.Equal(history[e.Offset].Why, e.Why));
        Assert.StartsWith("restart 1 under always after exit code 2", joined.Single(e => e.Type == EventTypes.Start).Why);
    }

    [Fact]
    public async Task A_bad_last_event_id_is_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Events + "?follow=false");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "yesterday");

        var response = await _http.SendAsync(request);

        Assert.Equal("header.Last-Event-ID", (await response.ExpectErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument)).Details![0].Field);
    }

    private async Task<List<ContainerEvent>> ReadAsync(EventQuery query)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<ContainerEvent>();
        await foreach (var e in _client.StreamEventsAsync(query, timeout.Token))
            events.Add(e);
        return events;
    }
}
