using System.Buffers;
using System.Text;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using Microsoft.AspNetCore.Connections;

namespace ActorSupervisor.Node.Api.Errors;

/// <summary>
/// Kestrel refuses some request lines before any middleware runs (an encoded NUL, <c>/%00</c>: 400; a request
/// target over its 8 KiB line limit: 414) and answers them with an empty body. This connection middleware reads
/// a connection's first request line before Kestrel does and answers those cases itself with the API's JSON
/// error body; later requests on a kept-alive connection still get Kestrel's bodiless answer.
/// </summary>
internal static class RequestLineGuard
{
    /// <summary>The longest request line let through: Kestrel's own default limit.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>Adds the guard to a Kestrel endpoint.</summary>
    public static void Use(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen) =>
        listen.Use(next => connection => GuardAsync(connection, next));

    private static async Task GuardAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var refusal = await InspectFirstLineAsync(connection.Transport.Input, connection.ConnectionClosed);
        if (refusal is null)
        {
            await next(connection);
            return;
        }
        var (status, reason, error) = refusal.Value;
        var body = JsonSerializer.SerializeToUtf8Bytes(error, ApiJsonContext.Default.ApiError);
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await connection.Transport.Output.WriteAsync(head, connection.ConnectionClosed);
        await connection.Transport.Output.WriteAsync(body, connection.ConnectionClosed);
        await connection.Transport.Output.CompleteAsync();
    }

    // Looks at the bytes up to the first line feed without consuming them, so Kestrel reads them again.
    private static async Task<(int, string, ApiError)?> InspectFirstLineAsync(System.IO.Pipelines.PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var end = buffer.PositionOf((byte)'\n');
            if (end is null)
            {
                if (buffer.Length > MaxRequestLineBytes)
                {
                    input.AdvanceTo(buffer.Start);
                    return TooLong(buffer.Length);
                }
                if (result.IsCompleted || result.IsCanceled)
                {
                    input.AdvanceTo(buffer.Start);
                    return null;
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            var line = buffer.Slice(0, end.Value);
            input.AdvanceTo(buffer.Start);
            if (line.Length > MaxRequestLineBytes)
                return TooLong(line.Length);
            var text = Encoding.ASCII.GetString(line.ToArray());
            var target = text.Split(' ') is { Length: >= 2 } parts ? parts[1] : "";
            if (target.Contains("%00", StringComparison.Ordinal))
                return (400, "Bad Request", new ApiError(ErrorCodes.InvalidArgument, "the request path contains an encoded NUL byte (%00)",
                    [new ApiErrorDetail("path", null, "remove %00; names and ids never contain NUL")]));
            return null;
        }
    }

    private static (int, string, ApiError) TooLong(long length) =>
        (414, "URI Too Long", new ApiError(ErrorCodes.InvalidArgument,
            $"the request line is longer than {MaxRequestLineBytes} bytes",
            [new ApiErrorDetail("path", null, $"{length}+ bytes; shorten the path and query")]));
}
