using System.Net.WebSockets;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Client.Http;

/// <summary>The client's half of the exec route (<see cref="ExecProtocol"/>): input up, output down, the end's exit code or refusal.</summary>
internal static class ExecRelay
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>Relays until the node sends the end; returns the command's exit code.</summary>
    /// <exception cref="ApiException">The node refused the exec (unknown container, not running...).</exception>
    /// <exception cref="NodeUnreachableException">The connection was lost before the end.</exception>
    public static async Task<int> RunAsync(WebSocket socket, Uri node, Stream? input, Stream output, Stream error, CancellationToken cancellationToken)
    {
        using var sending = new SemaphoreSlim(1, 1);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Not awaited at the end: a read of a terminal's stdin cannot be cancelled, and the command's end is what counts.
        _ = input is null ? Task.CompletedTask : Task.Run(() => SendInputAsync(socket, sending, input, done.Token), CancellationToken.None);
        try
        {
            return await ReceiveAsync(socket, node, output, error, cancellationToken);
        }
        finally
        {
            await done.CancelAsync();
            await CloseAsync(socket, sending);
        }
    }

    private static async Task<int> ReceiveAsync(WebSocket socket, Uri node, Stream output, Stream error, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize + 1];
        var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult received;
            try
            {
                do
                {
                    received = await socket.ReceiveAsync(buffer, cancellationToken);
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);
            }
            catch (WebSocketException e)
            {
                throw new NodeUnreachableException(node, "the connection was lost during exec", e, streamInterrupted: true);
            }
            if (received.MessageType == WebSocketMessageType.Close)
                throw new NodeUnreachableException(node, "the node closed the exec without its end", null, streamInterrupted: true);
            var bytes = message.GetBuffer().AsMemory(0, (int)message.Length);
            if (bytes.Length == 0)
                continue;
            switch (bytes.Span[0])
            {
                case ExecProtocol.Stdout:
                    await output.WriteAsync(bytes[1..], cancellationToken);
                    await output.FlushAsync(cancellationToken);
                    break;
                case ExecProtocol.Stderr:
                    await error.WriteAsync(bytes[1..], cancellationToken);
                    await error.FlushAsync(cancellationToken);
                    break;
                case ExecProtocol.End:
                    var end = JsonSerializer.Deserialize(bytes.Span[1..], ApiJsonContext.Default.ExecEnd)
                        ?? throw new NodeUnreachableException(node, "the node ended the exec with an empty answer");
                    if (end.ExitCode is { } code)
                        return code;
                    throw new ApiException((System.Net.HttpStatusCode)(end.Status ?? 500),
                        end.Error ?? new ApiError(ApiException.UnexpectedResponseCode, "the node refused the exec without saying why"));
            }
        }
    }

    private static async Task SendInputAsync(WebSocket socket, SemaphoreSlim sending, Stream input, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize + 1];
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer.AsMemory(1, ChunkSize), cancellationToken)) > 0)
            {
                buffer[0] = ExecProtocol.Stdin;
                await SendAsync(socket, sending, buffer.AsMemory(0, read + 1), cancellationToken);
            }
            await SendAsync(socket, sending, new[] { ExecProtocol.StdinClosed }, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The exec ended or the connection went: there is nobody left to read the input.
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim sending, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    private static async Task CloseAsync(WebSocket socket, SemaphoreSlim sending)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await sending.WaitAsync(timeout.Token);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The node is gone already; nothing to close.
        }
    }
}
