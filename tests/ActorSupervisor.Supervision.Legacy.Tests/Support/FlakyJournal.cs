using ActorSupervisor.Actors.Persistence;

namespace ActorSupervisor.Supervision.Tests.Support;

/// <summary>A journal that fails the writes of one persistence id while armed, as a lost database connection would.</summary>
internal sealed class FlakyJournal(IJournal inner) : IJournal
{
    private volatile string? _failing;

    public int FailedWrites;

    public void FailWritesOf(string? persistenceId) => _failing = persistenceId;

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        if (_failing is { } failing && writes.Any(w => w.PersistenceId == failing))
        {
            Interlocked.Increment(ref FailedWrites);
            return Task.FromException<IReadOnlyList<Exception?>>(new IOException("the journal connection was lost"));
        }
        return inner.WriteMessagesAsync(writes, cancellationToken);
    }

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepr> onReplayed,
        CancellationToken cancellationToken = default) =>
        inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onReplayed, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
}
