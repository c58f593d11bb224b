using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>One stored event with its place in its container's history and in the global log.</summary>
public sealed record StoredEvent(long Offset, string PersistenceId, long SequenceNr, object Event, DateTimeOffset Timestamp);

/// <summary>The store's read side (interim: replaced by the query work).</summary>
public sealed class ContainerEventLog(ActorSystem system)
{
    private readonly SqlReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(StoreSettings.QueryPluginId);
    private readonly IMaterializer _materializer = system.Materializer();

    /// <summary>Every container id the store has a history for.</summary>
    public async Task<IReadOnlyList<string>> ReadContainerIdsAsync(CancellationToken cancellationToken)
    {
        var ids = await _journal.CurrentPersistenceIds().RunWith(Sink.Seq<string>(), _materializer).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ids.Select(ContainerPersistenceIds.ContainerIdOf).OfType<string>().ToList();
    }

    /// <summary>Every event of the container, oldest first.</summary>
    public async IAsyncEnumerable<StoredEvent> ReadContainerAsync(string containerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = await _journal.CurrentEventsByPersistenceId(ContainerPersistenceIds.Of(containerId), 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer).WaitAsync(cancellationToken).ConfigureAwait(false);
        // Akka.Persistence.Sql stores and returns DateTime.UtcNow.Ticks as the timestamp, not Unix milliseconds.
        foreach (var e in events)
            yield return new StoredEvent(e.Offset is Sequence s ? s.Value : 0, e.PersistenceId, e.SequenceNr, e.Event, new DateTimeOffset(e.Timestamp, TimeSpan.Zero));
    }

    /// <summary>Something was written.</summary>
    public void NotifyWritten()
    {
    }
}
