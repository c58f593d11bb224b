using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorSupervisor.Cli.Specs;

/// <summary>
/// Finds the first field a spec object does not know, with a "did you mean" for typos, so that a
/// misspelt setting is an error people can fix instead of a .NET type name in a serializer message.
/// </summary>
internal static class UnknownFields
{
    private const int MaxTypoDistance = 2;

    /// <summary>The message for the first unknown field under <paramref name="element"/>, or null when all are known.</summary>
    public static string? Find(JsonElement element, JsonTypeInfo type, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        var known = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (known.TryGetValue(property.Name, out var field))
            {
                var nested = field.PropertyType == typeof(Client.Contracts.HealthcheckDto)
                    ? Find(property.Value, type.Options.GetTypeInfo(field.PropertyType), $"{path}.{property.Name}")
                    : null;
                if (nested is not null) return nested;
                continue;
            }
            return $"{path}.{property.Name}: unknown field; {Hint(known.Keys, property.Name)}";
        }
        return null;
    }

    /// <summary>"did you mean 'memory'?" for a near miss, else the list of known fields.</summary>
    public static string Hint(IEnumerable<string> known, string field)
    {
        var names = known.ToList();
        var suggestion = names.MinBy(name => Distance(name, field));
        return suggestion is not null && Distance(suggestion, field) <= MaxTypoDistance
            ? $"did you mean '{suggestion}'?"
            : $"known fields: {string.Join(", ", names)}";
    }

    // Levenshtein distance, small strings only.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
