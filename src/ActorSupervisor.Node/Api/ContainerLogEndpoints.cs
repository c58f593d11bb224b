using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.OpenApi;
using Microsoft.OpenApi;
using ActorSupervisor.Node.Api.Streaming;
using ActorSupervisor.Node.Hosting;
using RuntimeLogLine = ActorSupervisor.Containers.Runtimes.LogLine;
using RuntimeLogQuery = ActorSupervisor.Containers.Runtimes.LogQuery;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// <c>GET /api/v1/containers/{nameOrId}/logs</c>: the workload's output from its runtime, as JSON or, with
/// <c>follow=true</c>, as server-sent events that end when the container is removed.
/// </summary>
internal static class ContainerLogEndpoints
{
    /// <summary>How often a following stream checks that its container still exists.</summary>
    internal static readonly TimeSpan RemovalCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Maps the logs route.</summary>
    public static IEndpointRouteBuilder MapContainerLogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.ContainerTemplate + "/logs", Logs).WithTags("Containers").WithName("ContainerLogs")
            .Produces<IReadOnlyList<LogLine>>().Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Query("tail", JsonSchemaType.String, "the last N lines, or all (default)")
            .Query("since", JsonSchemaType.String, "lines at or after an RFC 3339 time or a duration ago (10m)")
            .Query("follow", JsonSchemaType.Boolean, "stream new lines as server-sent events (event: log) until the client leaves or the container is removed")
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The lines selected by <c>tail</c> and <c>since</c>, then, with <c>follow</c>, the new ones.</summary>
    public static async Task Logs(string nameOrId, HttpContext context, IContainerService containers, IWorkloadAccess workloads, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var query = new RuntimeLogQuery(QueryReader.Tail(request), QueryReader.Time(request, "since", time.GetUtcNow()), QueryReader.Flag(request, "follow", false));
        var target = await ContainerResolver.ResolveAsync(containers, nameOrId, cancellationToken);
        // The workload's node reads them: this one's runtime, or the hosting node's over remoting.
        if (!query.Follow)
        {
            IReadOnlyList<LogLine> lines = await ReadAllAsync(workloads.ReadLogsAsync(target, query, cancellationToken));
            await context.Response.WriteAsJsonAsync(lines, ApiJsonContext.Default.IReadOnlyListLogLine, contentType: null, cancellationToken);
            return;
        }
        using var removed = ServerSentEvents.EndOnClientGoneOrShutdown(context, cancellationToken);
        var watch = WatchRemovalAsync(containers, target.Id, time, removed);
        var items = Follow(workloads.ReadLogsAsync(target, query, removed.Token), removed.Token);
        await ServerSentEvents.WriteAsync(context, items, time, removed.Token);
        await removed.CancelAsync();
        await watch;
    }

    private static async Task<IReadOnlyList<LogLine>> ReadAllAsync(IAsyncEnumerable<RuntimeLogLine> lines)
    {
        var result = new List<LogLine>();
        await foreach (var line in lines)
            result.Add(ToWire(line));
        return result;
    }

    /// <summary>
    /// The lines as <c>log</c> events. When the container's node stops answering (it left, died or is cut off), the
    /// stream ends with an <c>error</c> event carrying the 503 body an answer would have had, never a silent hang.
    /// </summary>
    private static async IAsyncEnumerable<ServerSentEvents.Item> Follow(IAsyncEnumerable<RuntimeLogLine> lines,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = lines.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            string? error = null;
            try
            {
                if (!await reader.MoveNextAsync()) yield break;
            }
            catch (ContainerUnavailableException unavailable)
            {
                error = JsonSerializer.Serialize(ApiExceptionHandler.Map(unavailable).Error, ApiJsonContext.Default.ApiError);
            }
            if (error is not null)
            {
                yield return new ServerSentEvents.Item(null, ErrorEvent, error);
                yield break;
            }
            yield return new ServerSentEvents.Item(null, "log", JsonSerializer.Serialize(ToWire(reader.Current), ApiJsonContext.Default.LogLine));
        }
    }

    /// <summary>The event that ends a following stream whose container cannot be read now (its data: the API's error body).</summary>
    internal const string ErrorEvent = "error";

    private static async Task WatchRemovalAsync(IContainerService containers, string id, TimeProvider time, CancellationTokenSource removed)
    {
        try
        {
            while (!removed.IsCancellationRequested)
            {
                await Task.Delay(RemovalCheckInterval, time, removed.Token);
                await containers.InspectAsync(id, removed.Token);
            }
        }
        catch (ContainerNotFoundException)
        {
            await removed.CancelAsync();
        }
        catch (OperationCanceledException)
        {
            // The client left first.
        }
    }

    private static LogLine ToWire(RuntimeLogLine line) =>
        new(line.Timestamp, line.Stream == Containers.Runtimes.LogStream.Stderr ? "stderr" : "stdout", line.Text);
}
