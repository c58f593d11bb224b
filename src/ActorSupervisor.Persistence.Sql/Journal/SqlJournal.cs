using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Persistence.Sql.Dialects;
using ActorSupervisor.Persistence.Sql.Schema;
using ActorSupervisor.Persistence.Sql.Serialization;

namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>
/// The SQL event journal (SQLite or PostgreSQL): group-committed writes, replay, highest sequence number and
/// soft deletes, with <see cref="IJournal"/>'s contract. Built by <see cref="SqlPersistence.OpenAsync"/>.
/// </summary>
/// <remarks>
/// A write is rejected alone (a per-write exception in the result) when it is malformed, cannot be serialized
/// (<see cref="JournalSerializationException"/>) or reuses a sequence number another writer already stored
/// (<see cref="JournalConcurrencyException"/>: exactly one of two concurrent writers wins). The task faults with
/// <see cref="JournalWriteException"/> when the database failed. Cancellation only abandons waiting for room in
/// the queue; a queued write is committed or failed by the store.
/// </remarks>
public sealed class SqlJournal : IJournal
{
    private readonly SqlDialect _dialect;
    private readonly JournalSerializer _serializer;
    private readonly GroupCommitWriter _writer;

    internal SqlJournal(SqlDialect dialect, JournalSerializer serializer, GroupCommitWriter writer)
    {
        _dialect = dialect;
        _serializer = serializer;
        _writer = writer;
    }

    private string Table => _dialect.Tables.Journal;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Exception?[writes.Count];
        var prepared = new PreparedWrite?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                prepared[i] = Prepare(writes[i]);
            }
            catch (Exception ex) when (ex is ArgumentException or JournalSerializationException)
            {
                results[i] = ex;
            }
        }
        if (prepared.All(p => p is null)) return results;
        return await _writer.WriteAsync(new PendingCall(prepared, results), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepr> onReplayed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onReplayed);
        if (max <= 0 || fromSequenceNr > toSequenceNr) return;
        var rows = await _dialect.RunAsync((connection, ct) => SqlCommands.QueryAsync(connection,
            $"""
            SELECT {JournalSchema.EventColumns} FROM {Table}
            WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to AND NOT deleted
            ORDER BY sequence_nr LIMIT @max
            """,
            StoredEvent.Read, ct, ("pid", persistenceId), ("from", fromSequenceNr), ("to", toSequenceNr), ("max", max)), cancellationToken)
            .ConfigureAwait(false);
        foreach (var row in rows) onReplayed(row.ToRepr(_serializer));
    }

    /// <summary>
    /// Replays many persistent actors at once (recovery of a whole node): for each range, the events from its
    /// sequence number on, in sequence order per persistence id; ranges are read in chunks of
    /// <paramref name="chunkSize"/> per query. Deleted events are not replayed.
    /// </summary>
    public async Task ReplayManyAsync(IReadOnlyList<ReplayRange> ranges, Action<PersistentRepr> onReplayed,
        int chunkSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(onReplayed);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        foreach (var chunk in ranges.Chunk(chunkSize))
        {
            var parameters = new (string, object)[chunk.Length * 2];
            var values = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters[2 * i] = ($"@p{i}", chunk[i].PersistenceId);
                parameters[2 * i + 1] = ($"@f{i}", chunk[i].FromSequenceNr);
                values[i] = $"(@p{i}, @f{i})";
            }
            var rows = await _dialect.RunAsync((connection, ct) => SqlCommands.QueryAsync(connection,
                $"""
                WITH ranges (pid, from_seq) AS (VALUES {string.Join(", ", values)})
                SELECT {Qualified("j", JournalSchema.EventColumns)} FROM ranges
                {_dialect.DrivingJoin} {Table} j ON j.persistence_id = ranges.pid AND j.sequence_nr >= ranges.from_seq
                WHERE NOT j.deleted
                ORDER BY j.persistence_id, j.sequence_nr
                """,
                StoredEvent.Read, ct, parameters), cancellationToken).ConfigureAwait(false);
            foreach (var row in rows) onReplayed(row.ToRepr(_serializer));
        }
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        // Deleted rows stay (soft delete), so the maximum over all rows is the highest ever written.
        _dialect.RunAsync(async (connection, ct) =>
        {
            await using var command = SqlCommands.Command(connection, null,
                $"SELECT COALESCE(MAX(sequence_nr), 0) FROM {Table} WHERE persistence_id = @pid", ("pid", persistenceId));
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Rows are marked deleted, not removed: replay and queries skip them, the highest sequence number keeps them. Idempotent.</remarks>
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _dialect.RunAsync((connection, ct) => SqlCommands.ExecuteAsync(connection, null,
            $"UPDATE {Table} SET deleted = TRUE WHERE persistence_id = @pid AND sequence_nr <= @to AND NOT deleted", ct,
            ("pid", persistenceId), ("to", toSequenceNr)), cancellationToken);

    private PreparedWrite Prepare(AtomicWrite write)
    {
        var events = write.Events;
        if (events is null || events.Count == 0) throw new ArgumentException("An atomic write must contain at least one event.", nameof(write));
        var first = events[0];
        if (string.IsNullOrEmpty(first.PersistenceId)) throw new ArgumentException("An event's persistence id must not be empty.", nameof(write));
        var serialized = new SerializedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var where = $"persistence id '{e.PersistenceId}', sequence number {e.SequenceNr}";
            if (e.PersistenceId != first.PersistenceId)
                throw new ArgumentException($"{where}: an atomic write must be for one persistence id, '{first.PersistenceId}'.", nameof(write));
            if (e.SequenceNr != first.SequenceNr + i || e.SequenceNr < 1)
                throw new ArgumentException($"{where}: sequence numbers of an atomic write must be consecutive from {first.SequenceNr} and start at 1 or later.", nameof(write));
            if (e.Payload is null) throw new ArgumentException($"{where}: the payload is null.", nameof(write));
            if (e.Tags.Select(TagCodec.Problem).FirstOrDefault(p => p is not null) is { } tagProblem)
                throw new ArgumentException($"{where}: {tagProblem}.", nameof(write));
            var (manifest, payload) = _serializer.Serialize(e.Payload, e.PersistenceId, e.SequenceNr);
            serialized[i] = new SerializedEvent(e.PersistenceId, e.SequenceNr, manifest, payload, e.Timestamp.UtcTicks, TagCodec.Encode(e.Tags), e.WriterId ?? "");
        }
        return new PreparedWrite(first.PersistenceId, first.WriterId ?? "", serialized);
    }

    private static string Qualified(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));
}
