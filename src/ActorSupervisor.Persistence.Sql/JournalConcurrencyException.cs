namespace ActorSupervisor.Persistence.Sql;

/// <summary>
/// A write was rejected because another writer already stored an event with the same persistence id and
/// sequence number: two incarnations of one persistent actor are alive (the split-brain case). The earlier
/// writer's events stay; this writer must stop.
/// </summary>
public sealed class JournalConcurrencyException : Exception
{
    /// <summary>Creates the exception for the first conflicting event of a write.</summary>
    public JournalConcurrencyException(string persistenceId, long sequenceNr, string writerId)
        : base($"Concurrent write to persistence id '{persistenceId}': sequence number {sequenceNr} is already taken by another writer; "
            + $"the write of writer '{writerId}' was rejected whole.")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        WriterId = writerId;
    }

    /// <summary>The persistence id two writers wrote to.</summary>
    public string PersistenceId { get; }

    /// <summary>The first sequence number of the rejected write that was already taken.</summary>
    public long SequenceNr { get; }

    /// <summary>The writer id of the rejected write.</summary>
    public string WriterId { get; }
}
