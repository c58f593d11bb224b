using System.Text.Json;
using ActorSupervisor.Cli.App;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Specs;

/// <summary>
/// JSON spec files in three shapes: one container object; an array of them; or
/// <c>{ "containers": [...] }</c> / <c>{ "containers": { "web": {...} } }</c> where the key is the name.
/// </summary>
internal sealed class JsonSpecFormat : ISpecFileFormat
{
    private const string ContainersKey = "containers";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public IReadOnlyList<string> Extensions { get; } = [".json"];

    public IReadOnlyList<RawContainerSpec> Read(string fileName, string text)
    {
        using var document = Parse(fileName, text);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Array => ReadArray(fileName, root, "$"),
            JsonValueKind.Object when root.TryGetProperty(ContainersKey, out var containers) => ReadContainers(fileName, root, containers),
            JsonValueKind.Object => [ReadSpec(fileName, root, "$", nameFromKey: null)],
            _ => throw new UsageException($"{fileName}: expected a container object, an array of them, or {{\"containers\": ...}}"),
        };
    }

    private static JsonDocument Parse(string fileName, string text)
    {
        try
        {
            return JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new UsageException($"{fileName}:{line}:{column}: not valid JSON: {FirstSentence(e.Message)}");
        }
    }

    private static IReadOnlyList<RawContainerSpec> ReadContainers(string fileName, JsonElement root, JsonElement containers)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != ContainersKey)
                throw new UsageException($"{fileName}: $.{property.Name}: unknown field; the top level holds only \"{ContainersKey}\"");
        }
        return containers.ValueKind switch
        {
            JsonValueKind.Array => ReadArray(fileName, containers, "$." + ContainersKey),
            JsonValueKind.Object => containers.EnumerateObject()
                .Select(entry => ReadSpec(fileName, entry.Value, $"$.{ContainersKey}.{entry.Name}", nameFromKey: entry.Name))
                .ToList(),
            _ => throw new UsageException($"{fileName}: $.{ContainersKey}: must be an array of containers or an object keyed by name"),
        };
    }

    private static List<RawContainerSpec> ReadArray(string fileName, JsonElement array, string path) =>
        array.EnumerateArray().Select((element, index) => ReadSpec(fileName, element, $"{path}[{index}]", nameFromKey: null)).ToList();

    private static RawContainerSpec ReadSpec(string fileName, JsonElement element, string path, string? nameFromKey)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new UsageException($"{fileName}: {path}: a container must be a JSON object");
        if (UnknownFields.Find(element, ApiJsonContext.Default.RawContainerSpec, path) is { } unknown)
            throw new UsageException($"{fileName}: {unknown}");
        RawContainerSpec? spec;
        try
        {
            spec = element.Deserialize(ApiJsonContext.Default.RawContainerSpec);
        }
        catch (JsonException e)
        {
            var where = e.Path is null or "$" ? path : path + e.Path.TrimStart('$');
            throw new UsageException($"{fileName}: {where}: {FirstSentence(e.Message)}");
        }
        if (spec is null) throw new UsageException($"{fileName}: {path}: a container must be a JSON object");
        if (nameFromKey is null) return spec;
        if (spec.Name is not null && spec.Name != nameFromKey)
            throw new UsageException($"{fileName}: {path}.name: '{spec.Name}' differs from its key '{nameFromKey}'; drop one");
        return spec with { Name = nameFromKey };
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..." which the caller already reports its own way.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
