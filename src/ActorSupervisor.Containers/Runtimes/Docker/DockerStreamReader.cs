using System.Buffers.Binary;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>
/// Reads Docker's multiplexed stream (logs and exec output without a TTY): frames of an 8-byte header
/// (stream type, three zero bytes, big-endian payload length) followed by the payload.
/// </summary>
internal static class DockerStreamReader
{
    /// <summary>Calls <paramref name="onFrame"/> with each frame's stream and payload until the stream ends.</summary>
    public static Task ReadFramesAsync(Stream stream, Action<LogStream, ReadOnlyMemory<byte>> onFrame, CancellationToken cancellationToken) =>
        ReadFramesAsync(stream, (kind, chunk) =>
        {
            onFrame(kind, chunk);
            return ValueTask.CompletedTask;
        }, cancellationToken);

    /// <summary>Awaits <paramref name="onFrame"/> with each frame's stream and payload (valid only during the call) until the stream ends.</summary>
    public static async Task ReadFramesAsync(Stream stream, Func<LogStream, ReadOnlyMemory<byte>, ValueTask> onFrame, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        var payload = new byte[16 * 1024];
        while (await FillAsync(stream, header, cancellationToken).ConfigureAwait(false))
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (payload.Length < length)
            {
                payload = new byte[length];
            }
            var chunk = payload.AsMemory(0, length);
            if (!await FillAsync(stream, chunk, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            await onFrame(header[0] == 2 ? LogStream.Stderr : LogStream.Stdout, chunk).ConfigureAwait(false);
        }
    }

    private static async Task<bool> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }
            filled += read;
        }
        return true;
    }
}
