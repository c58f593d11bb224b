using System.Data.Common;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Persistence.Sql.Query;
using ActorSupervisor.Persistence.Sql.Serialization;

namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>A journal row as read (columns of <see cref="Schema.JournalSchema.EventColumns"/>): its ordering and the event, not yet deserialized.</summary>
internal sealed record StoredEvent(long Ordering, SerializedEvent Event)
{
    public static StoredEvent Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        new SerializedEvent(
            reader.GetString(1),
            reader.GetInt64(2),
            reader.GetString(3),
            reader.GetFieldValue<byte[]>(4),
            reader.GetInt64(5),
            reader.GetString(6),
            reader.GetString(7)));

    public PersistentRepr ToRepr(JournalSerializer serializer) =>
        new(Event.PersistenceId, Event.SequenceNr, Payload(serializer), Event.WriterId, Timestamp, TagCodec.Decode(Event.Tags));

    public EventEnvelope ToEnvelope(JournalSerializer serializer) =>
        new(Ordering, Event.PersistenceId, Event.SequenceNr, Payload(serializer), Timestamp, TagCodec.Decode(Event.Tags), Event.WriterId);

    private DateTimeOffset Timestamp => new(Event.CreatedTicks, TimeSpan.Zero);

    private object Payload(JournalSerializer serializer) =>
        serializer.Deserialize(Event.Manifest, Event.Payload, Event.PersistenceId, Event.SequenceNr);
}
