using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Logs;

/// <summary>
/// How a log line is stored in a container's log file: <c>2026-11-21T05:32:36.1234567+00:00 stdout text</c>,
/// one line per line of output.
/// </summary>
internal static class LogLineFormat
{
    /// <summary>The stored form of <paramref name="line"/>, without the newline.</summary>
    public static string Format(LogLine line) =>
        string.Create(CultureInfo.InvariantCulture, $"{line.Timestamp:O} {(line.Stream == LogStream.Stdout ? "stdout" : "stderr")} {line.Text}");

    /// <summary>Parses a stored line; null for a line that is not in the format (a torn write at a crash).</summary>
    public static LogLine? Parse(string stored)
    {
        var firstSpace = stored.IndexOf(' ');
        if (firstSpace < 0 || stored.Length < firstSpace + 8)
        {
            return null;
        }
        if (!DateTimeOffset.TryParseExact(stored.AsSpan(0, firstSpace), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return null;
        }
        var tag = stored.AsSpan(firstSpace + 1, 6);
        LogStream stream;
        if (tag.SequenceEqual("stdout"))
        {
            stream = LogStream.Stdout;
        }
        else if (tag.SequenceEqual("stderr"))
        {
            stream = LogStream.Stderr;
        }
        else
        {
            return null;
        }
        var textStart = firstSpace + 8;
        return new LogLine(at, stream, stored[textStart..]);
    }
}
