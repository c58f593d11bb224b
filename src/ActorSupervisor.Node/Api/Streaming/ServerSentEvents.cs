using System.Text;

namespace ActorSupervisor.Node.Api.Streaming;

/// <summary>
/// Writes a <c>text/event-stream</c> response from an async sequence, one event per item, with a
/// <c>: keepalive</c> comment whenever the sequence is quiet for <see cref="KeepAliveInterval"/>.
/// </summary>
internal static class ServerSentEvents
{
    /// <summary>How long the stream may stay silent before a keepalive comment.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>One event: its id (or null), its type and its data line.</summary>
    public readonly record struct Item(string? Id, string Event, string Data);

    /// <summary>
    /// A cancellation for a stream that ends when the client goes away or when the node begins to shut down:
    /// the server waits for requests in flight before it stops, and a stream only ends when told.
    /// </summary>
    public static CancellationTokenSource EndOnClientGoneOrShutdown(HttpContext context, CancellationToken requestAborted) =>
        CancellationTokenSource.CreateLinkedTokenSource(requestAborted,
            context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);

    /// <summary>Streams <paramref name="items"/> until it ends or the client goes away.</summary>
    public static async Task WriteAsync(HttpContext context, IAsyncEnumerable<Item> items, TimeProvider time, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellationToken);
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        var next = enumerator.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var keepAlive = Task.Delay(KeepAliveInterval, time, quiet.Token);
                if (await Task.WhenAny(next, keepAlive) != next)
                {
                    await WriteRawAsync(response, ": keepalive\n\n", cancellationToken);
                    continue;
                }
                await quiet.CancelAsync();
                if (!await next)
                    return;
                var item = enumerator.Current;
                var text = new StringBuilder();
                if (item.Id is not null)
                    text.Append("id: ").Append(item.Id).Append('\n');
                text.Append("event: ").Append(item.Event).Append('\n').Append("data: ").Append(item.Data).Append("\n\n");
                await WriteRawAsync(response, text.ToString(), cancellationToken);
                next = enumerator.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the stream's end time came: the response simply ends.
        }
        finally
        {
            // An async iterator cannot be disposed while a MoveNext is in flight: let it observe the cancellation first.
            await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            await enumerator.DisposeAsync();
        }
    }

    private static async Task WriteRawAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
