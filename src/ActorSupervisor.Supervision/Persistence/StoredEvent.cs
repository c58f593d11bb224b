namespace ActorSupervisor.Supervision.Persistence;

/// <summary>One event as the journal holds it (named so it does not clash with Akka's <c>EventEnvelope</c>).</summary>
/// <param name="Offset">Its position in the whole journal: strictly increasing, with gaps (PostgreSQL burns numbers on rollback).</param>
/// <param name="PersistenceId">Its stream, <c>container-&lt;id&gt;</c> for a container (<see cref="ContainerPersistenceIds"/>).</param>
/// <param name="SequenceNr">Its position in its stream, from 1 without gaps.</param>
/// <param name="Event">The deserialized event, a <c>ContainerEvent</c> for container streams.</param>
/// <param name="Timestamp">When the journal wrote it (the writing node's clock).</param>
public sealed record StoredEvent(long Offset, string PersistenceId, long SequenceNr, object Event, DateTimeOffset Timestamp)
{
    internal static DateTimeOffset FromJournalTicks(long ticks) =>
        ticks is > 0 and <= 3155378975999999999 ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
}
