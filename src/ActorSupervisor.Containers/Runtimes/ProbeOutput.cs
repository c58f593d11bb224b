using System.Text;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// A health probe's combined output, kept up to <see cref="CapBytes"/> bytes (Docker's limit) and silently cut
/// after that, so that a chatty probe cannot grow the node's memory or the journal.
/// </summary>
internal sealed class ProbeOutput
{
    /// <summary>Docker's cap on a probe's recorded output.</summary>
    public const int CapBytes = 4096;

    private readonly byte[] _bytes = new byte[CapBytes];
    private int _length;
    private readonly Lock _gate = new();

    /// <summary>Keeps as much of <paramref name="chunk"/> as still fits.</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        lock (_gate)
        {
            var take = Math.Min(chunk.Length, CapBytes - _length);
            chunk[..take].CopyTo(_bytes.AsSpan(_length));
            _length += take;
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end, keeping what fits and draining the rest.</summary>
    public async Task ReadFromAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(buffer.AsSpan(0, read));
        }
    }

    /// <summary>The kept bytes as UTF-8 text (a character cut in half at the cap becomes U+FFFD).</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return Encoding.UTF8.GetString(_bytes, 0, _length);
        }
    }

    /// <summary>Caps <paramref name="text"/> the same way, for runtimes that get a probe's output as a string.</summary>
    public static string Cap(string text)
    {
        var output = new ProbeOutput();
        output.Append(Encoding.UTF8.GetBytes(text));
        return output.ToString();
    }
}
