namespace ActorSupervisor.Actors.Persistence;

/// <summary>
/// The event journal behind persistent actors, with Akka.Persistence's contract.
/// </summary>
/// <remarks>
/// <para><see cref="WriteMessagesAsync"/> may batch writes for throughput, but each <see cref="AtomicWrite"/>
/// succeeds or fails as a whole. A faulted task means the store could not be reached or the outcome is
/// unknown: every write of the call is to be treated as failed. A completed task returns one entry per write:
/// <c>null</c> for durable, or the exception that rejected that write alone (serialization, a concurrent
/// writer for the same persistence id). The two are never mixed in one call.</para>
/// <para>The highest sequence number of a persistence id never decreases, deletes included.</para>
/// </remarks>
public interface IJournal
{
    /// <summary>Writes the given atomic writes durably, returning one result per write in order.</summary>
    Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays the events of <paramref name="persistenceId"/> with sequence numbers in
    /// [<paramref name="fromSequenceNr"/>, <paramref name="toSequenceNr"/>], at most <paramref name="max"/> of them,
    /// in sequence order, calling <paramref name="onReplayed"/> for each before the task completes.
    /// Deleted events are not replayed.
    /// </summary>
    Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepr> onReplayed, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever written for <paramref name="persistenceId"/>, or 0.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Deletes the events of <paramref name="persistenceId"/> up to and including <paramref name="toSequenceNr"/>.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
