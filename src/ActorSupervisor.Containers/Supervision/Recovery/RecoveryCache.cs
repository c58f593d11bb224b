using System.Collections.Concurrent;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Containers.Supervision.Hosting;
using ActorSupervisor.Persistence.Sql.Journal;
using ActorSupervisor.Persistence.Sql.Snapshots;

namespace ActorSupervisor.Containers.Supervision.Recovery;

/// <summary>
/// The stores the actor system sees: the real journal and snapshot store, plus histories loaded in bulk ahead of
/// recovery. Recovering 100,000 containers one query at a time costs three queries each; a shard instead preloads
/// all its containers with a few bulk queries (<see cref="PreloadAsync"/>) and each container actor then recovers
/// from memory, through the ordinary persistent-actor recovery. A preloaded history is served once, then dropped.
/// Also times every journal write for the metrics.
/// </summary>
internal sealed class RecoveryCache(IJournal journal, ISnapshotStore snapshots, SupervisionMetrics metrics, TimeProvider time, int chunkSize)
    : IJournal, ISnapshotStore
{
    private readonly ConcurrentDictionary<string, Preloaded> _preloaded = new(StringComparer.Ordinal);

    /// <summary>Whether the stores support bulk loading (the SQL journal and snapshot store do).</summary>
    public bool CanPreload => journal is SqlJournal && snapshots is SqlSnapshotStore;

    /// <summary>Loads the latest snapshot and later events of each of <paramref name="persistenceIds"/> in bulk.</summary>
    public async Task PreloadAsync(IReadOnlyList<string> persistenceIds, CancellationToken cancellationToken = default)
    {
        if (journal is not SqlJournal sqlJournal || snapshots is not SqlSnapshotStore sqlSnapshots || persistenceIds.Count == 0) return;
        var latest = await sqlSnapshots.LoadLatestManyAsync(persistenceIds, chunkSize, cancellationToken).ConfigureAwait(false);
        var events = new Dictionary<string, List<PersistentRepr>>(persistenceIds.Count, StringComparer.Ordinal);
        var ranges = persistenceIds.Select(id => new ReplayRange(id, latest.TryGetValue(id, out var s) ? s.Metadata.SequenceNr + 1 : 1)).ToList();
        await sqlJournal.ReplayManyAsync(ranges, repr =>
        {
            if (!events.TryGetValue(repr.PersistenceId, out var list)) events[repr.PersistenceId] = list = [];
            list.Add(repr);
        }, chunkSize, cancellationToken).ConfigureAwait(false);
        foreach (var id in persistenceIds)
        {
            var snapshot = latest.GetValueOrDefault(id);
            var replay = events.TryGetValue(id, out var list) ? list : [];
            var highest = replay.Count > 0 ? replay[^1].SequenceNr : snapshot?.Metadata.SequenceNr ?? 0;
            _preloaded[id] = new Preloaded(snapshot, replay, highest);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var results = await journal.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
        metrics.JournalWriteLatency.Record(time.GetElapsedTime(started));
        return results;
    }

    /// <inheritdoc />
    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepr> onReplayed, CancellationToken cancellationToken = default)
    {
        if (!_preloaded.TryGetValue(persistenceId, out var preloaded))
            return journal.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onReplayed, cancellationToken);
        long served = 0;
        foreach (var repr in preloaded.Events)
        {
            if (repr.SequenceNr < fromSequenceNr || repr.SequenceNr > toSequenceNr) continue;
            if (served++ >= max) break;
            onReplayed(repr);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        // The last step of a recovery: the preloaded history has been served and is dropped here.
        _preloaded.TryRemove(persistenceId, out var preloaded)
            ? Task.FromResult(preloaded.Highest)
            : journal.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        journal.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    /// <inheritdoc />
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        _preloaded.TryGetValue(persistenceId, out var preloaded) && criteria == SnapshotSelectionCriteria.Latest
            ? Task.FromResult(preloaded.Snapshot)
            : snapshots.LoadAsync(persistenceId, criteria, cancellationToken);

    /// <inheritdoc />
    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default) =>
        snapshots.SaveAsync(metadata, snapshot, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default) =>
        snapshots.DeleteAsync(metadata, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        snapshots.DeleteAsync(persistenceId, criteria, cancellationToken);

    private sealed record Preloaded(SelectedSnapshot? Snapshot, List<PersistentRepr> Events, long Highest);
}
