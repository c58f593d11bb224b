using System.Runtime.CompilerServices;
using Akka.Streams.Dsl;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>The log read per container: which containers have a history, and one container's whole history.</summary>
public sealed partial class ContainerEventLog
{
    private const int HistoryPage = 1000;

    /// <summary>Every container id the store has a history for (removed ones included: their history stays).</summary>
    public async Task<IReadOnlyList<string>> ReadContainerIdsAsync(CancellationToken cancellationToken)
    {
        var journal = await _readJournal.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var ids = await journal.CurrentPersistenceIds().RunWith(Sink.Seq<string>(), _materializer).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ids.Select(ContainerPersistenceIds.ContainerIdOf).OfType<string>().ToList();
    }

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
