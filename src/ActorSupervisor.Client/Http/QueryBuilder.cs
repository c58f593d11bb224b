using System.Text;

namespace ActorSupervisor.Client.Http;

/// <summary>Builds a path with its query string; parameters without a value are left out.</summary>
internal sealed class QueryBuilder(string path)
{
    private readonly StringBuilder builder = new(path);
    private bool hasQuery;

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null) return this;
        builder.Append(hasQuery ? '&' : '?').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        hasQuery = true;
        return this;
    }

    public QueryBuilder AddFlag(string name, bool value) => value ? Add(name, "true") : this;

    public QueryBuilder AddEach(string name, IEnumerable<string> values)
    {
        foreach (var value in values) Add(name, value);
        return this;
    }

    public override string ToString() => builder.ToString();
}
