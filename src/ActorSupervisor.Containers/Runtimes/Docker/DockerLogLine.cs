using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>Parses a line of <c>docker logs --timestamps</c>: an RFC 3339 time with nanoseconds, a space, the text.</summary>
internal static class DockerLogLine
{
    public static LogLine Parse(LogStream stream, string line)
    {
        var text = line.EndsWith('\r') ? line[..^1] : line;
        var space = text.IndexOf(' ');
        if (space > 0 && TryParseTime(text[..space], out var at))
        {
            return new LogLine(at, stream, text[(space + 1)..]);
        }
        return new LogLine(DateTimeOffset.MinValue, stream, text);
    }

    private static bool TryParseTime(string text, out DateTimeOffset at)
    {
        // .NET keeps 7 fractional digits; Docker writes up to 9.
        var dot = text.IndexOf('.');
        var zone = text.IndexOfAny(['Z', '+'], dot < 0 ? 0 : dot);
        if (dot > 0 && zone > dot + 8)
        {
            text = text[..(dot + 8)] + text[zone..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }
}
