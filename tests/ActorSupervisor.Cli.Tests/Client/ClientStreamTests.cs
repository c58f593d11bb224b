using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Text.Json;

namespace ActorSupervisor.Cli.Tests.Client;

/// <summary>Server-sent events for <c>/events</c> and <c>logs?follow=true</c>.</summary>
public sealed class ClientStreamTests : IAsyncLifetime
{
    private StubNodeServer server = null!;
    private readonly TaskCompletionSource release = new();
    private readonly TaskCompletionSource cutConnection = new();

    private static string Json(ContainerEvent e) => JsonSerializer.Serialize(e, ApiJsonContext.Default.ContainerEvent);

    public async Task InitializeAsync() => server = await StubNodeServer.StartAsync(app =>
    {
        app.MapGet(ApiRoutes.Events, async (HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(": keepalive\n\n");
            await StubNodeServer.WriteEventAsync(context.Response, "41", "die", Json(Samples.Event(41, 5, "die", "exited with code 1 after 212ms", 3, ("exitCode", "1"))));
            await StubNodeServer.WriteEventAsync(context.Response, "42", "restart", Json(Samples.Event(42, 6, "restart", "restart 1 of on-failure:5", 2)));
            if (context.Request.Query["follow"] == "false") return;
            if (context.Request.Query["since"] == "lost")
            {
                // Cut only once the client has read both events, so nothing in flight is lost with the connection.
                await cutConnection.Task.WaitAsync(context.RequestAborted);
                context.Abort();
                return;
            }
            await release.Task.WaitAsync(context.RequestAborted);
        });
        app.MapGet(ApiRoutes.Container("web", "logs"), async (HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            await StubNodeServer.WriteEventAsync(context.Response, null, "log", """{"time":"2026-11-21T03:00:00Z","stream":"stdout","text":"one"}""");
            await StubNodeServer.WriteEventAsync(context.Response, null, "other", "ignored");
            await StubNodeServer.WriteEventAsync(context.Response, null, "log", """{"time":"2026-11-21T03:00:01Z","stream":"stderr","text":"two"}""");
        });
        app.MapGet(ApiRoutes.Container("ghost", "logs"), () => Results.Json(
            new ApiError(ErrorCodes.NotFound, "no container named ghost"), ApiJsonContext.Default.ApiError, statusCode: 404));
    });

    public async Task DisposeAsync()
    {
        release.TrySetResult();
        cutConnection.TrySetResult();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Events_arrive_in_order_with_their_offsets_and_the_query_is_sent()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var query = new EventQuery { Follow = false, Since = "40", Until = "2026-11-21T04:00:00Z", Filters = ["container=web", "type=die"] };

        var events = await client.StreamEventsAsync(query).ToListAsync();

        Assert.Equal([41L, 42L], events.Select(e => e.Offset));
        Assert.Equal(("die", "1"), (events[0].Type, events[0].Attributes["exitCode"]));
        Assert.Equal("/api/v1/events?since=40&until=2026-11-21T04%3A00%3A00Z&follow=false&filter=container%3Dweb&filter=type%3Ddie", server.Last.PathAndQuery);
        Assert.Null(server.Last.LastEventId);
    }

    [Fact]
    public async Task Resuming_sends_the_last_event_id()
    {
        using var client = new ActorSupervisorClient(server.Url);
        await client.StreamEventsAsync(new EventQuery { Follow = false, LastEventId = 40 }).ToListAsync();
        Assert.Equal("40", server.Last.LastEventId);
    }

    [Fact]
    public async Task A_following_stream_yields_events_as_they_come_and_stops_on_cancel()
    {
        using var client = new ActorSupervisorClient(server.Url, requestTimeout: TimeSpan.FromMilliseconds(500));
        using var cancel = new CancellationTokenSource();
        var received = new List<long>();

        var reading = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in client.StreamEventsAsync(cancellationToken: cancel.Token))
            {
                received.Add(e.Offset);
                if (received.Count == 2) cancel.Cancel();
            }
        });

        await reading;
        Assert.Equal([41L, 42L], received);
    }

    [Fact]
    public async Task A_stream_that_outlives_the_request_timeout_keeps_going()
    {
        // The request timeout covers the answer's headers only: a quiet stream must not be cut. (Long enough for the
        // headers on a loaded machine; the quiet spell below outlasts it twice over.)
        var requestTimeout = TimeSpan.FromSeconds(2);
        using var client = new ActorSupervisorClient(server.Url, requestTimeout: requestTimeout);
        await using var events = client.StreamEventsAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        Assert.True(await events.MoveNextAsync());
        var third = events.MoveNextAsync().AsTask();
        await Task.WhenAny(third, Task.Delay(2 * requestTimeout));
        Assert.False(third.IsCompleted);
        release.TrySetResult();
        Assert.False(await third);
    }

    [Fact]
    public async Task A_connection_lost_mid_stream_is_unreachable()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var received = new List<long>();
        var e = await Assert.ThrowsAsync<NodeUnreachableException>(async () =>
        {
            await foreach (var item in client.StreamEventsAsync(new EventQuery { Since = "lost" }))
            {
                received.Add(item.Offset);
                if (received.Count == 2) cutConnection.TrySetResult();
            }
        });
        Assert.Equal([41L, 42L], received);
        Assert.Equal("the connection was lost while streaming", e.Reason);
    }

    [Fact]
    public async Task Log_follow_yields_log_events_only()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var lines = await client.FollowLogsAsync("web", new LogQuery(Tail: 5)).ToListAsync();
        Assert.Equal([("stdout", "one"), ("stderr", "two")], lines.Select(l => (l.Stream, l.Text)));
        Assert.Equal("/api/v1/containers/web/logs?tail=5&follow=true", server.Last.PathAndQuery);
    }

    [Fact]
    public async Task A_refused_stream_throws_the_api_error()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(async () => await client.FollowLogsAsync("ghost").ToListAsync());
        Assert.Equal(ErrorCodes.NotFound, e.Code);
    }
}
