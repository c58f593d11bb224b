using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.Mapping;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// <c>docker ps</c>'s filters: <c>status</c>, <c>health</c>, <c>label</c>, <c>name</c>, <c>id</c>. The same key
/// given twice matches either value; different keys must all match.
/// </summary>
internal sealed class ContainerListFilter
{
    private static readonly string[] Keys = ["status", "health", "label", "name", "id"];
    private static readonly string[] Healths = [HealthStatuses.Starting, HealthStatuses.Healthy, HealthStatuses.Unhealthy, HealthStatuses.None];

    private readonly ILookup<string, string> _values;

    private ContainerListFilter(ILookup<string, string> values) => _values = values;

    /// <summary>Whether a status filter was given (it lists stopped containers without <c>all</c>, as Docker does).</summary>
    public bool HasStatus => _values.Contains("status");

    /// <summary>Parses the <c>filter</c> parameters.</summary>
    /// <exception cref="ApiProblemException">An unknown key or a bad value.</exception>
    public static ContainerListFilter Parse(IEnumerable<string?> filters)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var filter in filters)
        {
            var text = filter ?? "";
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? text : text[..equals];
            var value = equals < 0 ? "" : text[(equals + 1)..];
            if (!Keys.Contains(key))
                throw Bad(text, $"unknown filter key '{key}'; expected {string.Join(", ", Keys)} as key=value");
            if (value.Length == 0)
                throw Bad(text, "the filter needs a value, e.g. status=running");
            if (key == "status" && !ContainerStates.All.Contains(value))
                throw Bad(text, $"unknown status; expected {string.Join(", ", ContainerStates.All)}");
            if (key == "health" && !Healths.Contains(value))
                throw Bad(text, $"unknown health; expected {string.Join(", ", Healths)}");
            pairs.Add((key, value));
        }
        return new ContainerListFilter(pairs.ToLookup(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>Whether <paramref name="container"/> passes every filter.</summary>
    public bool Matches(ContainerSnapshot container) =>
        Passes("status", v => ContainerMapper.StateName(container.State.Status) == v)
        && Passes("health", v => ContainerMapper.HealthName(container) == v)
        && Passes("name", v => container.Name.Contains(v, StringComparison.Ordinal))
        && Passes("id", v => container.Id.StartsWith(v, StringComparison.Ordinal))
        && Passes("label", v => HasLabel(container, v));

    /// <summary>Whether <c>docker ps</c> without <c>-a</c> shows it: running, paused or restarting.</summary>
    public static bool IsActive(ContainerSnapshot container) =>
        container.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;

    private bool Passes(string key, Func<string, bool> match) => !_values.Contains(key) || _values[key].Any(match);

    private static bool HasLabel(ContainerSnapshot container, string filter)
    {
        var labels = container.State.Spec?.Labels ?? new Dictionary<string, string>();
        var equals = filter.IndexOf('=', StringComparison.Ordinal);
        return equals < 0
            ? labels.ContainsKey(filter)
            : labels.TryGetValue(filter[..equals], out var value) && value == filter[(equals + 1)..];
    }

    private static ApiProblemException Bad(string value, string message) => ApiProblemException.InvalidArgument("query.filter", value, message);
}
