using System.Data.Common;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Persistence.Sql.Dialects;
using ActorSupervisor.Persistence.Sql.Schema;
using ActorSupervisor.Persistence.Sql.Serialization;

namespace ActorSupervisor.Persistence.Sql.Snapshots;

/// <summary>
/// The SQL snapshot store (SQLite or PostgreSQL), with <see cref="ISnapshotStore"/>'s contract; snapshots are
/// serialized like events, by their registered manifest. Built by <see cref="SqlPersistence.OpenAsync"/>.
/// </summary>
public sealed class SqlSnapshotStore : ISnapshotStore
{
    private readonly SqlDialect _dialect;
    private readonly JournalSerializer _serializer;

    internal SqlSnapshotStore(SqlDialect dialect, JournalSerializer serializer)
    {
        _dialect = dialect;
        _serializer = serializer;
    }

    private string Table => _dialect.Tables.Snapshot;

    /// <inheritdoc />
    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var rows = await _dialect.RunAsync((connection, ct) => SqlCommands.QueryAsync(connection,
            $"""
            SELECT {JournalSchema.SnapshotColumns} FROM {Table}
            WHERE persistence_id = @pid AND {Matching}
            ORDER BY sequence_nr DESC, created DESC LIMIT 1
            """,
            StoredSnapshot.Read, ct, [("pid", persistenceId), .. Bounds(criteria)]), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0].ToSelected(_serializer);
    }

    /// <summary>
    /// The newest snapshot of each of <paramref name="persistenceIds"/> (those without one are absent), read in
    /// chunks of <paramref name="chunkSize"/> ids per query: the bulk load for recovering a whole node.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SelectedSnapshot>> LoadLatestManyAsync(IReadOnlyList<string> persistenceIds,
        int chunkSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceIds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        var latest = new Dictionary<string, SelectedSnapshot>(persistenceIds.Count, StringComparer.Ordinal);
        foreach (var chunk in persistenceIds.Chunk(chunkSize))
        {
            var parameters = chunk.Select((pid, i) => ($"@p{i}", (object)pid)).ToArray();
            // An IN list is an index lookup in both dialects; newest first, so the first row per id wins.
            var rows = await _dialect.RunAsync((connection, ct) => SqlCommands.QueryAsync(connection,
                $"""
                SELECT {JournalSchema.SnapshotColumns} FROM {Table}
                WHERE persistence_id IN ({string.Join(", ", parameters.Select(p => p.Item1))})
                ORDER BY persistence_id, sequence_nr DESC
                """,
                StoredSnapshot.Read, ct, parameters), cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Where(r => !latest.ContainsKey(r.PersistenceId))) latest[row.PersistenceId] = row.ToSelected(_serializer);
        }
        return latest;
    }

    /// <inheritdoc />
    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        var (manifest, payload) = _serializer.Serialize(snapshot, metadata.PersistenceId, metadata.SequenceNr);
        // An upsert: saving the same metadata twice (a retry) leaves one row with the last payload.
        return _dialect.RunAsync((connection, ct) => SqlCommands.ExecuteAsync(connection, null,
            $"""
            INSERT INTO {Table} (persistence_id, sequence_nr, created, manifest, payload)
            VALUES (@pid, @seq, @created, @manifest, @payload)
            ON CONFLICT (persistence_id, sequence_nr)
            DO UPDATE SET created = excluded.created, manifest = excluded.manifest, payload = excluded.payload
            """, ct,
            ("pid", metadata.PersistenceId), ("seq", metadata.SequenceNr), ("created", metadata.Timestamp.UtcTicks),
            ("manifest", manifest), ("payload", payload)), cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return _dialect.RunAsync((connection, ct) => SqlCommands.ExecuteAsync(connection, null,
            $"DELETE FROM {Table} WHERE persistence_id = @pid AND sequence_nr = @seq", ct,
            ("pid", metadata.PersistenceId), ("seq", metadata.SequenceNr)), cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return _dialect.RunAsync((connection, ct) => SqlCommands.ExecuteAsync(connection, null,
            $"DELETE FROM {Table} WHERE persistence_id = @pid AND {Matching}", ct,
            [("pid", persistenceId), .. Bounds(criteria)]), cancellationToken);
    }

    private const string Matching =
        "sequence_nr <= @max_seq AND sequence_nr >= @min_seq AND created <= @max_created AND created >= @min_created";

    private static (string, object)[] Bounds(SnapshotSelectionCriteria criteria) =>
    [
        ("max_seq", criteria.MaxSequenceNr),
        ("min_seq", criteria.MinSequenceNr),
        ("max_created", criteria.MaxTimestamp?.UtcTicks ?? long.MaxValue),
        ("min_created", criteria.MinTimestamp?.UtcTicks ?? long.MinValue),
    ];

    private sealed record StoredSnapshot(string PersistenceId, long SequenceNr, long CreatedTicks, string Manifest, byte[] Payload)
    {
        public static StoredSnapshot Read(DbDataReader reader) =>
            new(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4));

        public SelectedSnapshot ToSelected(JournalSerializer serializer) => new(
            new SnapshotMetadata(PersistenceId, SequenceNr, new DateTimeOffset(CreatedTicks, TimeSpan.Zero)),
            serializer.Deserialize(Manifest, Payload, PersistenceId, SequenceNr));
    }
}
