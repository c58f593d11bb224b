using System.Net;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Client;

/// <summary>Every failure becomes one of two typed exceptions: the node refused, or it could not be reached.</summary>
public sealed class ClientErrorTests : IAsyncLifetime
{
    private StubNodeServer server = null!;
    private readonly TaskCompletionSource never = new();

    public async Task InitializeAsync() => server = await StubNodeServer.StartAsync(app =>
    {
        app.MapGet(ApiRoutes.Container("ghost"), () => Results.Json(
            new ApiError(ErrorCodes.NotFound, "no container named ghost"), ApiJsonContext.Default.ApiError, statusCode: 404));
        app.MapPost(ApiRoutes.Containers, () => Results.Json(
            new ApiError(ErrorCodes.InvalidArgument, "the spec has 2 problems",
                [new ApiErrorDetail("memory", "5x", "not a memory size"), new ApiErrorDetail("name", null, "a name is required")]),
            ApiJsonContext.Default.ApiError, statusCode: 400));
        app.MapPost(ApiRoutes.Container("web", "pause"), () => Results.Json(
            new ApiError(ErrorCodes.Conflict, "container web is not running; start it first"), ApiJsonContext.Default.ApiError, statusCode: 409));
        app.MapGet(ApiRoutes.Container("proxy"), () => Results.Content("<html>Bad Gateway</html>", "text/html", statusCode: 502));
        app.MapGet(ApiRoutes.Container("garbage"), () => Results.Content("{\"id\": 12", "application/json"));
        app.MapGet(ApiRoutes.Container("slow"), async (HttpContext context) =>
        {
            // Waits until the client gives up and disconnects.
            await never.Task.WaitAsync(context.RequestAborted);
        });
        app.MapGet(ApiRoutes.Readyz, () => Results.Text("recovering 120 of 400 containers", statusCode: 503));
        app.MapGet(ApiRoutes.Metrics, () => Results.Json(
            new ApiError(ErrorCodes.Unauthorized, "this node requires a token: pass --token or set ASV_TOKEN"), ApiJsonContext.Default.ApiError, statusCode: 401));
    });

    public async Task DisposeAsync()
    {
        never.TrySetResult();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Not_found_carries_the_code_status_and_message()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.InspectContainerAsync("ghost"));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound, "no container named ghost"), (e.StatusCode, e.Code, e.Message));
    }

    [Fact]
    public async Task Bad_body_carries_each_detail()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.CreateContainerAsync(new RawContainerSpec { Memory = "5x" }));
        Assert.Equal(ErrorCodes.InvalidArgument, e.Code);
        Assert.Equal([new ApiErrorDetail("memory", "5x", "not a memory size"), new ApiErrorDetail("name", null, "a name is required")], e.Details);
    }

    [Fact]
    public async Task Conflict_says_why()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.PauseContainerAsync("web"));
        Assert.Equal((HttpStatusCode.Conflict, "container web is not running; start it first"), (e.StatusCode, e.Message));
    }

    [Fact]
    public async Task A_body_that_is_not_an_api_error_is_reported_with_its_status_and_an_excerpt()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.InspectContainerAsync("proxy"));
        Assert.Equal((HttpStatusCode.BadGateway, ApiException.UnexpectedResponseCode), (e.StatusCode, e.Code));
        Assert.Equal("the node answered 502 Bad Gateway: <html>Bad Gateway</html>", e.Message);
    }

    [Fact]
    public async Task A_success_with_unreadable_json_is_an_unexpected_response()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.InspectContainerAsync("garbage"));
        Assert.Equal(ApiException.UnexpectedResponseCode, e.Code);
        Assert.Contains("is this an ActorSupervisor node of the same API version?", e.Message);
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_and_names_the_address()
    {
        var url = new Uri($"http://127.0.0.1:{NodeProcess.FreePort()}");
        using var client = new ActorSupervisorClient(url);
        var e = await Assert.ThrowsAsync<NodeUnreachableException>(() => client.ListContainersAsync());
        Assert.Equal(url, e.NodeUrl);
        Assert.StartsWith($"cannot reach the node at {url}: ", e.Message);
        Assert.Contains("refused", e.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_host_is_unreachable()
    {
        using var client = new ActorSupervisorClient(new Uri("http://no-such-node.invalid:7411"));
        var e = await Assert.ThrowsAsync<NodeUnreachableException>(() => client.GetNodeInfoAsync());
        Assert.Equal("the host name does not resolve", e.Reason);
    }

    [Fact]
    public async Task No_answer_within_the_request_timeout_is_unreachable()
    {
        using var client = new ActorSupervisorClient(server.Url, requestTimeout: TimeSpan.FromMilliseconds(200));
        var e = await Assert.ThrowsAsync<NodeUnreachableException>(() => client.InspectContainerAsync("slow"));
        Assert.Equal("no answer in time", e.Reason);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var client = new ActorSupervisorClient(server.Url);
        using var cancel = new CancellationTokenSource();
        var call = client.InspectContainerAsync("slow", cancel.Token);
        await WaitForRequestAsync("/api/v1/containers/slow");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Readiness_is_false_while_the_node_recovers()
    {
        using var client = new ActorSupervisorClient(server.Url);
        Assert.False(await client.IsReadyAsync());
    }

    [Fact]
    public async Task A_refused_metrics_request_is_an_api_error()
    {
        using var client = new ActorSupervisorClient(server.Url);
        var e = await Assert.ThrowsAsync<ApiException>(() => client.GetMetricsTextAsync());
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized), (e.StatusCode, e.Code));
    }

    private async Task WaitForRequestAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.Requests.ToArray().Any(r => r.PathAndQuery == path))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no request for {path} within 10 s");
            await Task.Delay(10);
        }
    }
}
