using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ActorSupervisor.Hocon;

namespace ActorSupervisor.Client.Specs;

/// <summary>
/// Typed access to one object of a HOCON container declaration (the container, its healthcheck, ...).
/// Keys may be kebab or camel case; the known ones are the properties of the raw spec type the object
/// becomes, so the two cannot drift apart. Every value read records where it was written.
/// </summary>
internal sealed class HoconSpecFields
{
    private readonly Dictionary<string, (string Key, HoconValue Value)> fields = new(StringComparer.Ordinal);
    private readonly string path;
    private readonly string fieldPrefix;
    private readonly Dictionary<string, HoconPosition> positions;

    private HoconSpecFields(HoconObject obj, string path, string fieldPrefix, IReadOnlyList<string> known, Dictionary<string, HoconPosition> positions)
    {
        this.path = path;
        this.fieldPrefix = fieldPrefix;
        this.positions = positions;
        foreach (var (key, child) in obj)
        {
            var camel = HoconSpecKeys.Camel(key);
            if (!known.Contains(camel))
                throw Error(child, $"{path}.{HoconPath.RenderKey(key)}", "unknown field; " + FieldSuggestions.Hint(known.Select(HoconSpecKeys.Kebab), key));
            fields[camel] = (key, child);
            positions[fieldPrefix + camel] = child.Position;
        }
    }

    /// <summary>The fields of <paramref name="value"/>, which must be an object with only the properties of <typeparamref name="T"/>.</summary>
    public static HoconSpecFields Open<T>(HoconValue value, string path, string fieldPrefix, string example, Dictionary<string, HoconPosition> positions)
    {
        var obj = value as HoconObject ?? throw Error(value, path, $"expected an object such as {example}, found {value.KindName}");
        return new HoconSpecFields(obj, path, fieldPrefix, KnownFields<T>.Names, positions);
    }

    /// <summary>Where the named field was written and its HOCON path, or null when it is not set.</summary>
    public (HoconValue Value, string Path)? Get(string field) =>
        fields.TryGetValue(field, out var found) ? (found.Value, $"{path}.{HoconPath.RenderKey(found.Key)}") : null;

    public string? Text(string field) => Get(field) is { } found ? Scalar(found.Value, found.Path) : null;

    public int? Int(string field) => Parsed(field, text =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : (int?)null, "a whole number");

    public double? Double(string field) => Parsed(field, text =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : (double?)null, "a number");

    public bool? Bool(string field) => Parsed(field, text => HoconBoolean.TryParse(text, out var value) ? value : (bool?)null, "true or false");

    public IReadOnlyList<string>? List(string field)
    {
        if (Get(field) is not { } found) return null;
        var array = found.Value as HoconArray ?? throw Error(found.Value, found.Path, "expected a list such as [\"/bin/sh\", \"-c\", \"sleep 1\"]");
        return array.Select((item, index) => Scalar(item, $"{found.Path}[{index}]") ?? "").ToList();
    }

    public IReadOnlyDictionary<string, string>? Map(string field)
    {
        if (Get(field) is not { } found) return null;
        var obj = found.Value as HoconObject ?? throw Error(found.Value, found.Path, "expected an object of names and values, e.g. { PORT = \"8080\" }");
        return obj.ToDictionary(pair => pair.Key, pair => Scalar(pair.Value, $"{found.Path}.{HoconPath.RenderKey(pair.Key)}") ?? "", StringComparer.Ordinal);
    }

    /// <summary>A nested object such as <c>healthcheck { ... }</c> read by <paramref name="read"/>, or null when it is not set.</summary>
    public T? Child<T>(string field, string example, Func<HoconSpecFields, T> read) where T : class =>
        Get(field) is { } found ? read(Open<T>(found.Value, found.Path, $"{fieldPrefix}{field}.", example, positions)) : null;

    public static HoconSpecException Error(HoconValue value, string path, string problem) =>
        new(value.Position, path, (value as HoconScalar)?.Text, problem);

    private T? Parsed<T>(string field, Func<string, T?> parse, string expected) where T : struct
    {
        if (Get(field) is not { } found) return null;
        var text = Scalar(found.Value, found.Path);
        return text is null ? null : parse(text) ?? throw Error(found.Value, found.Path, $"expected {expected}");
    }

    private static string? Scalar(HoconValue value, string path) =>
        value is HoconScalar scalar ? scalar.Text : throw Error(value, path, $"expected a single value, found {value.KindName}");

    // The raw spec types' properties, camelCased as in the API's JSON.
    private static class KnownFields<T>
    {
        public static readonly IReadOnlyList<string> Names = typeof(T)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToList();
    }
}
