using System.Collections.Frozen;

namespace ActorSupervisor.Node.Dashboard;

/// <summary>
/// The dashboard's static shell (HTML, script, style), embedded in the node's assembly and read on first use.
/// They hold no data: every container, event and log line comes from the API with the operator's token, so these
/// few paths are the only ones the token check lets through besides the probes.
/// </summary>
internal static class DashboardAssets
{
    /// <summary>The page's path.</summary>
    public const string Root = "/";

    /// <summary>The script's path.</summary>
    public const string Script = "/dashboard/app.js";

    /// <summary>The style sheet's path.</summary>
    public const string Style = "/dashboard/app.css";

    private static readonly FrozenDictionary<string, (string Name, string ContentType)> Files = new Dictionary<string, (string, string)>
    {
        [Root] = ("index.html", "text/html"),
        [Script] = ("app.js", "text/javascript"),
        [Style] = ("app.css", "text/css"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Lazy<Asset>> ByPath =
        Files.ToFrozenDictionary(f => f.Key, f => Load(f.Value.Name, f.Value.ContentType + "; charset=utf-8"), StringComparer.Ordinal);

    /// <summary>One embedded file: its bytes, content type and entity tag.</summary>
    public sealed record Asset(byte[] Content, string ContentType, string ETag);

    /// <summary>The paths served.</summary>
    public static IEnumerable<string> Paths => ByPath.Keys;

    /// <summary>Whether <paramref name="path"/> is one of the shell's files (readable without the token).</summary>
    public static bool IsAsset(PathString path) => path.HasValue && ByPath.ContainsKey(path.Value!);

    /// <summary>The media type of the file at <paramref name="path"/>.</summary>
    public static string ContentTypeOf(string path) => Files[path].ContentType;

    /// <summary>The file at <paramref name="path"/>.</summary>
    public static Asset Get(string path) => ByPath[path].Value;

    private static Lazy<Asset> Load(string name, string contentType) => new(() =>
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Dashboard/" + name)
            ?? throw new InvalidOperationException($"the dashboard's {name} is not embedded in the node's assembly");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var content = memory.ToArray();
        var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content), 0, 8) + "\"";
        return new Asset(content, contentType, etag);
    });
}
