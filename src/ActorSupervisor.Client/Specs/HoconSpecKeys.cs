using System.Text;

namespace ActorSupervisor.Client.Specs;

/// <summary>
/// The two spellings of a spec field: camelCase as in the API's JSON (<c>stopTimeout</c>) and kebab case as
/// HOCON files usually write it (<c>stop-timeout</c>). HOCON declarations accept both.
/// </summary>
public static class HoconSpecKeys
{
    /// <summary><c>stop-timeout</c> → <c>stopTimeout</c>; camel case stays as it is.</summary>
    public static string Camel(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '-' && i + 1 < key.Length) builder.Append(char.ToUpperInvariant(key[++i]));
            else builder.Append(key[i]);
        }
        return builder.ToString();
    }

    /// <summary><c>stopTimeout</c> → <c>stop-timeout</c>; <c>exit2MeansStarting</c> → <c>exit2-means-starting</c>.</summary>
    public static string Kebab(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }

    /// <summary>A dotted field path in kebab case: <c>healthcheck.startPeriod</c> → <c>healthcheck.start-period</c>.</summary>
    public static string KebabPath(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return string.Join('.', field.Split('.').Select(Kebab));
    }
}
