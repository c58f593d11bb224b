namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>
/// Tags live in one text column as <c>;a;b;</c>, so "has tag t" is "contains <c>;t;</c>" in both dialects.
/// </summary>
internal static class TagCodec
{
    private const char Separator = ';';

    public static string Encode(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? "" : Separator + string.Join(Separator, tags) + Separator;

    public static IReadOnlyList<string> Decode(string encoded) =>
        encoded.Length == 0 ? [] : encoded.Split(Separator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The substring a tagged row's column contains.</summary>
    public static string Needle(string tag) => Separator + tag + Separator;

    /// <summary>Why <paramref name="tag"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(string? tag) => tag switch
    {
        null or "" => "a tag must not be empty",
        _ when tag.Contains(Separator) => $"tag '{tag}' must not contain '{Separator}'",
        _ => null,
    };
}
