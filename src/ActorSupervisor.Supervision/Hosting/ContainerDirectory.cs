using System.Collections.Concurrent;
using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// The host's view of its containers: the latest state each container actor published (it publishes after every
/// persisted change, before answering), and the name index. Inspect and list read it without asking the actors.
/// Names are reserved before a create reaches the actor, so two creates cannot take the same name.
/// </summary>
internal sealed class ContainerDirectory(SupervisionMetrics metrics)
{
    private readonly ConcurrentDictionary<string, ContainerState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idsByName = new(StringComparer.Ordinal);

    public int Count => _states.Count;

    public IEnumerable<KeyValuePair<string, ContainerState>> All => _states;

    public bool TryGet(string id, out ContainerState state) => _states.TryGetValue(id, out state!);

    public bool ContainsId(string id) => _states.ContainsKey(id);

    /// <summary>Records <paramref name="state"/> as the container's latest; a removed container leaves the directory and frees its name.</summary>
    public void Publish(string id, ContainerState state)
    {
        if (state.Status == ContainerStatus.Removed)
        {
            Remove(id);
            return;
        }
        ContainerStatus? before = null;
        _states.AddOrUpdate(id, state, (_, old) =>
        {
            before = old.Status;
            return state;
        });
        metrics.StatusChanged(before, state.Status);
        if (state.Spec is { } spec) _idsByName.TryAdd(spec.Name, id);
    }

    public void Remove(string id)
    {
        if (!_states.TryRemove(id, out var state)) return;
        metrics.StatusChanged(state.Status, null);
        if (state.Spec is { } spec) ReleaseName(spec.Name, id);
    }

    /// <summary>Takes <paramref name="name"/> for <paramref name="id"/>, or says which container has it.</summary>
    public bool TryReserveName(string name, string id, out string holder)
    {
        holder = _idsByName.GetOrAdd(name, id);
        return holder == id;
    }

    public void ReleaseName(string name, string id) => _idsByName.TryRemove(new KeyValuePair<string, string>(name, id));

    public string? IdOfName(string name) => _idsByName.TryGetValue(name, out var id) ? id : null;

    /// <summary>Docker's lookup: a full id, a name, or an unambiguous id prefix.</summary>
    public string? Resolve(string nameOrId)
    {
        if (_states.ContainsKey(nameOrId)) return nameOrId;
        if (IdOfName(nameOrId) is { } byName && _states.ContainsKey(byName)) return byName;
        if (nameOrId.Length == 0 || !nameOrId.All(char.IsAsciiHexDigitLower)) return null;
        string? match = null;
        foreach (var id in _states.Keys)
        {
            if (!id.StartsWith(nameOrId, StringComparison.Ordinal)) continue;
            if (match is not null) return null;
            match = id;
        }
        return match;
    }
}
