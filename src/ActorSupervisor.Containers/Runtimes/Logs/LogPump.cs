using System.Text;

namespace ActorSupervisor.Containers.Runtimes.Logs;

/// <summary>
/// Copies one output stream of a workload into its <see cref="ContainerLog"/>, line by line. A line longer than
/// <see cref="MaxLineBytes"/> is split there (as Docker does at 16 KiB) so a stream without newlines cannot
/// grow memory.
/// </summary>
internal static class LogPump
{
    /// <summary>The longest line kept whole.</summary>
    public const int MaxLineBytes = 16 * 1024;

    /// <summary>The largest read buffer, reached only by a workload that keeps the pipe full.</summary>
    public const int MaxReadBytes = 64 * 1024;

    /// <summary>Reads <paramref name="source"/> to its end (or cancellation) and appends every line.</summary>
    public static async Task RunAsync(Stream source, ContainerLog log, LogStream stream, CancellationToken cancellationToken)
    {
        // Small buffers, grown only for long lines or a busy pipe: a thousand quiet workloads must not cost a thousand
        // big ones, and a fast writer is read in big chunks (a read per 1 KiB cost a core at 50 MB/s).
        var buffer = new byte[1024];
        var line = new byte[128];
        var length = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                while (chunk.Length > 0)
                {
                    var newline = chunk.IndexOf((byte)'\n');
                    var piece = newline < 0 ? chunk : chunk[..newline];
                    while (piece.Length > 0)
                    {
                        if (length == MaxLineBytes)
                        {
                            log.Append(stream, Decode(line, length));
                            length = 0;
                        }
                        var take = Math.Min(piece.Length, MaxLineBytes - length);
                        if (length + take > line.Length)
                        {
                            Array.Resize(ref line, Math.Min(Math.Max(line.Length * 2, length + take), MaxLineBytes));
                        }
                        piece[..take].CopyTo(line.AsSpan(length));
                        length += take;
                        piece = piece[take..];
                    }
                    if (newline < 0)
                    {
                        break;
                    }
                    log.Append(stream, Decode(line, length));
                    length = 0;
                    chunk = chunk[(newline + 1)..];
                }
                log.Flush();
                if (read == buffer.Length && buffer.Length < MaxReadBytes)
                {
                    buffer = new byte[buffer.Length * 4];
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Detached (the runtime is disposed): the workload keeps running and a later runtime reads on.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke, or was closed after the workload's exit: nothing more will come.
        }
        if (length > 0)
        {
            log.Append(stream, Decode(line, length));
        }
        log.Flush();
    }

    private static string Decode(byte[] line, int length)
    {
        var end = length > 0 && line[length - 1] == (byte)'\r' ? length - 1 : length;
        return Encoding.UTF8.GetString(line, 0, end);
    }
}
