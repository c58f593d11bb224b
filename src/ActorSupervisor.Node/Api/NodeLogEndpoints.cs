using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.OpenApi;
using ActorSupervisor.Node.Api.Streaming;
using ActorSupervisor.Node.Logging;
using Microsoft.OpenApi;

namespace ActorSupervisor.Node.Api;

/// <summary><c>/api/v1/node/logs</c>: the node's own recent log lines from its in-memory ring (pbm's <c>log peek</c>).</summary>
internal static class NodeLogEndpoints
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapNodeLogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.NodeLogs, Logs).WithTags("Node").WithName("NodeLogs")
            .Produces<IReadOnlyList<NodeLogEntry>>().Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Query("tail", JsonSchemaType.String, $"the last N lines, or all (default: all the node keeps, at most {NodeLogRing.DefaultCapacity})")
            .Query("level", JsonSchemaType.String, "the least severe level shown: trace, debug, info, warn, error or critical (default: every line kept)")
            .Query("follow", JsonSchemaType.Boolean, "then stream new lines as server-sent events (event: log) until the client leaves")
            .Errors(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>The kept lines at or above <c>level</c>, the last <c>tail</c> of them; with <c>follow</c>, then each new one.</summary>
    public static async Task Logs(HttpContext context, NodeLogRing ring, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var tail = QueryReader.Tail(request);
        var level = QueryReader.Single(request, "level");
        var minimum = 0;
        if (level is not null && !NodeLogLevels.TryParse(level, out minimum, out var error))
            throw ApiProblemException.InvalidArgument("query.level", level, error);
        var (kept, _) = ring.Read(-1);
        var shown = kept.Where(e => Rank(e) >= minimum).ToList();
        IReadOnlyList<NodeLogEntry> selected = tail is { } n ? shown.TakeLast(n).ToList() : shown;
        if (!QueryReader.Flag(request, "follow", false))
        {
            await context.Response.WriteAsJsonAsync(selected, ApiJsonContext.Default.IReadOnlyListNodeLogEntry, contentType: null, cancellationToken);
            return;
        }
        using var ended = ServerSentEvents.EndOnClientGoneOrShutdown(context, cancellationToken);
        var lastSeen = kept.Count > 0 ? kept[^1].Seq : -1;
        await ServerSentEvents.WriteAsync(context, Follow(ring, selected, lastSeen, minimum, ended.Token), time, ended.Token);
    }

    private static async IAsyncEnumerable<ServerSentEvents.Item> Follow(NodeLogRing ring, IReadOnlyList<NodeLogEntry> first, long lastSeen, int minimum,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var entry in first)
            yield return Item(entry);
        while (!cancellationToken.IsCancellationRequested)
        {
            var (entries, nextWrite) = ring.Read(lastSeen);
            if (entries.Count == 0)
            {
                try
                {
                    await nextWrite.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                continue;
            }
            foreach (var entry in entries)
            {
                lastSeen = entry.Seq;
                if (Rank(entry) >= minimum) yield return Item(entry);
            }
        }
    }

    private static ServerSentEvents.Item Item(NodeLogEntry entry) =>
        new(entry.Seq.ToString(CultureInfo.InvariantCulture), "log", JsonSerializer.Serialize(entry, ApiJsonContext.Default.NodeLogEntry));

    private static int Rank(NodeLogEntry entry) => NodeLogLevels.TryParse(entry.Level, out var rank, out _) ? rank : 0;
}
