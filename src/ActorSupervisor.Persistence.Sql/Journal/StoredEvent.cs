using System.Data.Common;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Persistence.Sql.Query;
using ActorSupervisor.Persistence.Sql.Serialization;

namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>A journal row as read (columns of <see cref="Schema.JournalSchema.EventColumns"/>), not yet deserialized.</summary>
internal sealed record StoredEvent(
    long Ordering,
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    byte[] Payload,
    long CreatedTicks,
    string Tags,
    string WriterId)
{
    public static StoredEvent Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetString(3),
        reader.GetFieldValue<byte[]>(4),
        reader.GetInt64(5),
        reader.GetString(6),
        reader.GetString(7));

    public PersistentRepr ToRepr(JournalSerializer serializer) => new(
        PersistenceId,
        SequenceNr,
        serializer.Deserialize(Manifest, Payload, PersistenceId, SequenceNr),
        WriterId,
        new DateTimeOffset(CreatedTicks, TimeSpan.Zero),
        TagCodec.Decode(Tags));

    public EventEnvelope ToEnvelope(JournalSerializer serializer) => new(
        Ordering,
        PersistenceId,
        SequenceNr,
        serializer.Deserialize(Manifest, Payload, PersistenceId, SequenceNr),
        new DateTimeOffset(CreatedTicks, TimeSpan.Zero),
        TagCodec.Decode(Tags),
        WriterId);
}
