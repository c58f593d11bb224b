namespace ActorSupervisor.Client.Specs;

/// <summary>
/// The hint after an unknown field: "did you mean 'memory'?" for a near miss, else the list of known
/// fields, so that a misspelt setting is an error people can fix at once.
/// </summary>
public static class FieldSuggestions
{
    private const int MaxTypoDistance = 2;

    /// <summary>"did you mean 'memory'?" when <paramref name="field"/> is a near miss of a known name, else "known fields: ...".</summary>
    public static string Hint(IEnumerable<string> known, string field)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(field);
        var names = known.ToList();
        var suggestion = names.MinBy(name => Distance(name, field));
        return suggestion is not null && Distance(suggestion, field) <= MaxTypoDistance
            ? $"did you mean '{suggestion}'?"
            : $"known fields: {string.Join(", ", names)}";
    }

    // Levenshtein distance, case-insensitive; field names are short.
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
