namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>One event ready for the journal table: payload serialized, timestamp as UTC ticks, tags encoded.</summary>
internal sealed record SerializedEvent(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    byte[] Payload,
    long CreatedTicks,
    string Tags,
    string WriterId);
