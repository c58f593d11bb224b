namespace ActorSupervisor.Actors.Persistence;

/// <summary>
/// A journal in process memory, for unit tests and demos: events live as long as the instance. Enforces
/// the contract like a real store: gap-free sequence numbers per persistence id (a write that does not
/// continue the history is rejected), highest sequence number kept across deletes.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new Exception?[writes.Count];
        lock (_gate)
        {
            for (var i = 0; i < writes.Count; i++) results[i] = TryAppend(writes[i]);
        }
        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    private Exception? TryAppend(AtomicWrite write)
    {
        if (write.Events.Count == 0) return new ArgumentException("an atomic write must hold at least one event");
        var stream = StreamOf(write.PersistenceId);
        var expected = stream.Highest + 1;
        for (var i = 0; i < write.Events.Count; i++)
        {
            var repr = write.Events[i];
            if (repr.PersistenceId != write.PersistenceId)
                return new ArgumentException($"atomic write for '{write.PersistenceId}' holds an event of '{repr.PersistenceId}'");
            if (repr.SequenceNr != expected + i)
                return new InvalidOperationException(
                    $"'{write.PersistenceId}' expected sequence number {expected + i} but got {repr.SequenceNr}: another writer, or a gap");
        }
        stream.Events.AddRange(write.Events);
        stream.Highest = write.HighestSequenceNr;
        return null;
    }

    /// <inheritdoc />
    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepr> onReplayed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(onReplayed);
        List<PersistentRepr> selected;
        lock (_gate)
        {
            selected = _streams.TryGetValue(persistenceId, out var stream)
                ? stream.Events.Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr && e.SequenceNr > stream.DeletedTo)
                    .Take((int)Math.Min(max, int.MaxValue)).ToList()
                : [];
        }
        foreach (var repr in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            onReplayed(repr);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        lock (_gate) return Task.FromResult(_streams.TryGetValue(persistenceId, out var stream) ? stream.Highest : 0L);
    }

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        lock (_gate)
        {
            var stream = StreamOf(persistenceId);
            var to = Math.Min(toSequenceNr, stream.Highest);
            stream.DeletedTo = Math.Max(stream.DeletedTo, to);
            stream.Events.RemoveAll(e => e.SequenceNr <= stream.DeletedTo);
        }
        return Task.CompletedTask;
    }

    private Stream StreamOf(string persistenceId)
    {
        if (!_streams.TryGetValue(persistenceId, out var stream)) _streams[persistenceId] = stream = new Stream();
        return stream;
    }

    private sealed class Stream
    {
        public readonly List<PersistentRepr> Events = [];
        public long Highest;
        public long DeletedTo;
    }
}
