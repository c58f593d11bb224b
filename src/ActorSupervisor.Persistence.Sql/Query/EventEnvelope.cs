namespace ActorSupervisor.Persistence.Sql.Query;

/// <summary>One event of the global log, with its place in it.</summary>
/// <param name="Offset">The event's global ordering; pass it back as <c>fromOffset</c> to continue after it.</param>
/// <param name="PersistenceId">The persistent actor that wrote it.</param>
/// <param name="SequenceNr">Its position in that actor's history.</param>
/// <param name="Event">The deserialized event.</param>
/// <param name="Timestamp">When it was persisted.</param>
/// <param name="Tags">Its tags; empty when none.</param>
/// <param name="WriterId">The incarnation that wrote it.</param>
public sealed record EventEnvelope(
    long Offset,
    string PersistenceId,
    long SequenceNr,
    object Event,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Tags,
    string WriterId);
