using System.Text;
using ActorSupervisor.Containers.Domain.Health;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// A health probe's combined output, kept up to <see cref="KeepBytes"/> bytes: Docker's limit
/// (<see cref="HealthMonitor.MaxOutputBytes"/>, the one truth for it) plus one byte, so that the health monitor
/// sees there was more and stores the first 4096 bytes followed by <c>...</c>, as Docker does. The rest is
/// drained, so that a chatty probe cannot grow the node's memory or the journal.
/// </summary>
internal sealed class ProbeOutput
{
    /// <summary>How much is kept: one byte past Docker's cap, which marks the output as cut.</summary>
    public const int KeepBytes = HealthMonitor.MaxOutputBytes + 1;

    private readonly byte[] _bytes = new byte[KeepBytes];
    private int _length;
    private readonly Lock _gate = new();

    /// <summary>Keeps as much of <paramref name="chunk"/> as still fits.</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        lock (_gate)
        {
            var take = Math.Min(chunk.Length, KeepBytes - _length);
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

    /// <summary>
    /// The kept bytes as UTF-8 text (a character cut in half at the end becomes U+FFFD); longer than the cap when
    /// the probe printed more, which <see cref="HealthMonitor.CapOutput"/> turns into 4096 bytes and <c>...</c>.
    /// </summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return Encoding.UTF8.GetString(_bytes, 0, _length);
        }
    }

    /// <summary>Checks a probe request the same way for every runtime.</summary>
    /// <exception cref="ArgumentException">An empty command or a timeout that is not positive.</exception>
    public static void CheckRequest(Domain.CommandLine probe, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (probe.Arguments.Count == 0 || probe.Arguments[0].Length == 0)
        {
            throw new ArgumentException("the probe command is empty", nameof(probe));
        }
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"probe timeout {timeout} must be positive", nameof(timeout));
        }
    }

    /// <summary>
    /// The result for a probe killed at its timeout: exit code -1 (Docker's), with what it printed before. The domain's
    /// health monitor puts Docker's "Health check exceeded timeout" message in front of it.
    /// </summary>
    public static ProbeResult TimedOut(string output, TimeSpan duration) => new(-1, Cap(output), duration, TimedOut: true);

    /// <summary>Keeps as much of <paramref name="text"/> the same way, for runtimes that get a probe's output as a string.</summary>
    public static string Cap(string text)
    {
        var output = new ProbeOutput();
        output.Append(Encoding.UTF8.GetBytes(text));
        return output.ToString();
    }
}
