namespace ActorSupervisor.Actors.Persistence;

/// <summary>
/// One event as the journal stores it: the payload with its place in a persistent actor's history.
/// </summary>
/// <param name="PersistenceId">The id of the persistent actor that wrote the event.</param>
/// <param name="SequenceNr">The event's position in that actor's history, starting at 1, without gaps.</param>
/// <param name="Payload">The event itself. The journal serializes it by its registered manifest.</param>
/// <param name="WriterId">Identifies the incarnation that wrote it, to tell two writers apart.</param>
/// <param name="Timestamp">When the event was persisted.</param>
/// <param name="Tags">Tags for the global, tag-filtered query; empty when none.</param>
public sealed record PersistentRepr(
    string PersistenceId,
    long SequenceNr,
    object Payload,
    string WriterId,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Tags);

/// <summary>
/// Events of one persistent actor that are written all or nothing, with consecutive sequence numbers.
/// </summary>
public sealed record AtomicWrite(IReadOnlyList<PersistentRepr> Events)
{
    /// <summary>The persistence id all events of the write share.</summary>
    public string PersistenceId => Events[0].PersistenceId;

    /// <summary>The lowest sequence number of the write.</summary>
    public long LowestSequenceNr => Events[0].SequenceNr;

    /// <summary>The highest sequence number of the write.</summary>
    public long HighestSequenceNr => Events[^1].SequenceNr;
}
