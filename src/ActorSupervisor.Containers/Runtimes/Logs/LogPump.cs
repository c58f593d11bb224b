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

    /// <summary>Reads <paramref name="source"/> to its end (or cancellation) and appends every line.</summary>
    public static async Task RunAsync(Stream source, ContainerLog log, LogStream stream, CancellationToken cancellationToken)
    {
        // Small buffers, grown only for long lines: a thousand quiet workloads must not cost a thousand big ones.
        var buffer = new byte[1024];
        var line = new byte[128];
        var length = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b == (byte)'\n')
                    {
                        log.Append(stream, Decode(line, length));
                        length = 0;
                        continue;
                    }
                    if (length == MaxLineBytes)
                    {
                        log.Append(stream, Decode(line, length));
                        length = 0;
                    }
                    if (length == line.Length)
                    {
                        Array.Resize(ref line, Math.Min(line.Length * 2, MaxLineBytes));
                    }
                    line[length++] = b;
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
    }

    private static string Decode(byte[] line, int length)
    {
        var end = length > 0 && line[length - 1] == (byte)'\r' ? length - 1 : length;
        return Encoding.UTF8.GetString(line, 0, end);
    }
}
