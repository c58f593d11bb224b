using System.Runtime.CompilerServices;
using ActorSupervisor.Supervision.Serialization;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>The log read per container: which containers have a history, and one container's whole history.</summary>
public sealed partial class ContainerEventLog
{
    private const int HistoryPage = 1000;

    /// <summary>
    /// The ids of the containers the store holds and that were not removed (a removed container's history ends with
    /// its <c>destroy</c>; the history stays, but nothing is left to recover).
    /// </summary>
    public async Task<IReadOnlyList<string>> ReadLiveContainerIdsAsync(CancellationToken cancellationToken)
    {
        var ids = await _table.PersistenceIdsNotEndingWithAsync(ContainerManifests.Destroyed, cancellationToken).ConfigureAwait(false);
        return ids.Select(ContainerPersistenceIds.ContainerIdOf).OfType<string>().ToList();
    }

    /// <summary>Every persistence id whose last event is not stored under <paramref name="lastManifest"/> (groups not removed, for one).</summary>
    public Task<IReadOnlyList<string>> ReadPersistenceIdsNotEndingWithAsync(string lastManifest, CancellationToken cancellationToken) =>
        _table.PersistenceIdsNotEndingWithAsync(lastManifest, cancellationToken);

    /// <summary>Every event of the container <paramref name="containerId"/>, oldest first.</summary>
    public async IAsyncEnumerable<StoredEvent> ReadContainerAsync(string containerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var persistenceId = ContainerPersistenceIds.Of(containerId);
        var from = 1L;
        while (true)
        {
            var page = await ReadEventsAsync(persistenceId, from, HistoryPage, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                from = stored.SequenceNr + 1;
                yield return stored;
            }
            if (page.Count < HistoryPage) yield break;
        }
    }
}
