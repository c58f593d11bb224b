using System.Globalization;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Values;

namespace ActorSupervisor.Node.Api;

/// <summary>Reads query parameters strictly; a bad one is a 400 naming <c>query.&lt;name&gt;</c>.</summary>
internal static class QueryReader
{
    /// <summary><c>true</c>/<c>false</c>, or <paramref name="fallback"/> when absent.</summary>
    public static bool Flag(HttpRequest request, string name, bool fallback)
    {
        var text = Single(request, name);
        return text switch
        {
            null => fallback,
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw ApiProblemException.InvalidArgument("query." + name, text, "expected true or false"),
        };
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public static int? Int(HttpRequest request, string name, int min, int max)
    {
        var text = Single(request, name);
        if (text is null)
            return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiProblemException.InvalidArgument("query." + name, text, $"expected a whole number from {min} to {max}");
    }

    /// <summary>An RFC 3339 time, or a duration meaning that long before <paramref name="now"/>; null when absent.</summary>
    public static DateTimeOffset? Time(HttpRequest request, string name, DateTimeOffset now) =>
        Single(request, name) is { } text ? ParseTime(text, now) ?? throw BadTime(name, text) : null;

    /// <summary><c>tail</c>: a number of lines, or <c>all</c> (and missing) for null.</summary>
    public static int? Tail(HttpRequest request)
    {
        var text = Single(request, "tail");
        if (text is null or "all")
            return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var tail)
            ? tail
            : throw ApiProblemException.InvalidArgument("query.tail", text, "expected a number of lines or all");
    }

    /// <summary>Parses an RFC 3339 time or a duration ago.</summary>
    public static DateTimeOffset? ParseTime(string text, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && text.Contains('T', StringComparison.Ordinal))
            return time;
        return GoDuration.TryParseNonNegative(text, out var ago, out _) ? now - ago : null;
    }

    /// <summary>The error for a bad time parameter.</summary>
    public static ApiProblemException BadTime(string name, string text) =>
        ApiProblemException.InvalidArgument("query." + name, text, "expected an RFC 3339 time (2026-11-21T03:00:00Z) or a duration ago (10m)");

    /// <summary>The parameter's only value, or null; given twice is an error.</summary>
    public static string? Single(HttpRequest request, string name)
    {
        var values = request.Query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw ApiProblemException.InvalidArgument("query." + name, string.Join(",", values.ToArray()), "give it once"),
        };
    }
}
