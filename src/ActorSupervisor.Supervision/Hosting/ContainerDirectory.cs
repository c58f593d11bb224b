using System.Collections.Concurrent;
using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// The node's view of every container of the cluster: the latest state each container entity published, with the
/// sequence number of its last event and the node that hosts it, and the name index. Inspect and list read it without
/// asking the entities. An entity publishes here directly when it is hosted on this node, and to every other node
/// through <see cref="DirectoryReplication"/>; answers to commands and wakes publish the state they carry. Updates can
/// arrive in any order and more than once: the sequence number decides (an older one never replaces a newer one, a
/// removed container stays removed), the same number from another node only moves the owner.
/// </summary>
/// <remarks>Container metrics count only the containers hosted on this node, so that the nodes' sums add up.</remarks>
internal sealed class ContainerDirectory(string selfNode, SupervisionMetrics metrics)
{
    private readonly ConcurrentDictionary<string, DirectoryEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _removedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idsByName = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many containers the cluster has (removed ones excluded).</summary>
    public int Count => _entries.Count;

    /// <summary>How many containers this node hosts.</summary>
    public int HostedCount => _entries.Values.Count(e => e.Node == selfNode);

    public IEnumerable<KeyValuePair<string, DirectoryEntry>> All => _entries;

    public bool TryGet(string id, out DirectoryEntry entry) => _entries.TryGetValue(id, out entry!);

    public bool ContainsId(string id) => _entries.ContainsKey(id) || _removedAt.ContainsKey(id);

    /// <summary>True when the container was removed (and not heard of since).</summary>
    public bool IsRemoved(string id) => _removedAt.ContainsKey(id) && !_entries.ContainsKey(id);

    /// <summary>
    /// Records <paramref name="state"/> of container <paramref name="id"/> after its event <paramref name="sequenceNr"/>,
    /// hosted on <paramref name="node"/>, unless the directory knows a later one; a removed container leaves the
    /// directory and frees its name. True when the directory changed.
    /// </summary>
    public bool Publish(string id, ContainerState state, long sequenceNr, string node)
    {
        lock (_gate)
        {
            if (_removedAt.TryGetValue(id, out var removed) && sequenceNr <= removed) return false;
            _entries.TryGetValue(id, out var before);
            if (before is not null && (sequenceNr < before.SequenceNr || (sequenceNr == before.SequenceNr && node == before.Node))) return false;
            if (state.Status is ContainerStatus.Removed or ContainerStatus.None)
            {
                if (state.Status == ContainerStatus.None && before is null) return false;
                _removedAt[id] = sequenceNr;
                if (before is null) return false;
                _entries.TryRemove(id, out _);
                metrics.StatusChanged(HostedStatus(before), null);
                if (before.State.Spec is { } removedSpec) _idsByName.TryRemove(new KeyValuePair<string, string>(removedSpec.Name, id));
                return true;
            }
            var entry = new DirectoryEntry(state, sequenceNr, node);
            _entries[id] = entry;
            metrics.StatusChanged(before is null ? null : HostedStatus(before), HostedStatus(entry));
            if (state.Spec is { } spec) _idsByName[spec.Name] = id;
            return true;
        }
    }

    private ContainerStatus? HostedStatus(DirectoryEntry entry) => entry.Node == selfNode ? entry.State.Status : null;

    public string? IdOfName(string name) => _idsByName.TryGetValue(name, out var id) && _entries.ContainsKey(id) ? id : null;

    /// <summary>Docker's lookup: a full id, a name, or an unambiguous id prefix.</summary>
    public string? Resolve(string nameOrId)
    {
        if (_entries.ContainsKey(nameOrId)) return nameOrId;
        if (IdOfName(nameOrId) is { } byName) return byName;
        if (nameOrId.Length == 0 || !nameOrId.All(char.IsAsciiHexDigitLower)) return null;
        string? match = null;
        foreach (var id in _entries.Keys)
        {
            if (!id.StartsWith(nameOrId, StringComparison.Ordinal)) continue;
            if (match is not null) return null;
            match = id;
        }
        return match;
    }
}

/// <summary>A container as the directory knows it: its state after event <paramref name="SequenceNr"/>, hosted on <paramref name="Node"/>.</summary>
internal sealed record DirectoryEntry(ContainerState State, long SequenceNr, string Node);
