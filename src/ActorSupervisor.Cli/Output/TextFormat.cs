using System.Globalization;
using ActorSupervisor.Client.Values;
using ActorSupervisor.Values;

namespace ActorSupervisor.Cli.Output;

/// <summary>Small text conventions shared by the views: times, ids, truncation.</summary>
internal static class TextFormat
{
    public const int ShortIdLength = 12;

    public static string ShortId(string id) => id.Length > ShortIdLength ? id[..ShortIdLength] : id;

    /// <summary>UTC with milliseconds and a Z, so that times from any node compare at a glance.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) => time is { } value ? Time(value) : "-";

    public static string Ago(DateTimeOffset? time, DateTimeOffset now) =>
        time is { } value ? ContainerStatusText.Humanize(now - value) + " ago" : "-";

    /// <summary>A duration for people, as Go prints it, to whole milliseconds (<c>97ms</c>, <c>2.209s</c>), never negative.</summary>
    public static string Duration(TimeSpan value) =>
        GoDuration.Format(TimeSpan.FromMilliseconds(Math.Max(0, Math.Round(value.TotalMilliseconds))));

    public static string Truncate(string? text, int length) =>
        text is null ? "" : text.Length <= length ? text : text[..(length - 1)] + "…";

    public static string YesNo(bool value) => value ? "yes" : "no";
}
