using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSupervisor.Client.Specs;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Specs;

/// <summary>
/// Finds the first field a spec object does not know, with a "did you mean" for typos, so that a
/// misspelt setting is an error people can fix instead of a .NET type name in a serializer message.
/// </summary>
internal static class UnknownFields
{
    /// <summary>The message for the first unknown field under <paramref name="element"/>, or null when all are known.</summary>
    public static string? Find(JsonElement element, JsonTypeInfo type, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        var known = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (known.TryGetValue(property.Name, out var field))
            {
                var nested = field.PropertyType.Namespace == typeof(RawContainerSpec).Namespace
                    ? Find(property.Value, type.Options.GetTypeInfo(field.PropertyType), $"{path}.{property.Name}")
                    : null;
                if (nested is not null) return nested;
                continue;
            }
            return $"{path}.{property.Name}: unknown field; {FieldSuggestions.Hint(known.Keys, property.Name)}";
        }
        return null;
    }
}
