namespace ActorSupervisor.Persistence.Sql;

/// <summary>
/// An event or snapshot could not be turned into bytes or back: its type or manifest is not registered, or
/// its stored payload is not what the manifest says. The message names the persistence id and sequence number.
/// </summary>
public sealed class JournalSerializationException : Exception
{
    /// <summary>Creates the exception for the event or snapshot at <paramref name="persistenceId"/>/<paramref name="sequenceNr"/>.</summary>
    public JournalSerializationException(string persistenceId, long sequenceNr, string problem, Exception? inner = null)
        : base($"Persistence id '{persistenceId}', sequence number {sequenceNr}: {problem}", inner)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The persistence id of the event or snapshot.</summary>
    public string PersistenceId { get; }

    /// <summary>The sequence number of the event or snapshot.</summary>
    public long SequenceNr { get; }
}
