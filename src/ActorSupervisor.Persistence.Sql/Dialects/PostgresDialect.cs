using System.Data.Common;
using ActorSupervisor.Persistence.Sql.Journal;
using Npgsql;
using NpgsqlTypes;

namespace ActorSupervisor.Persistence.Sql.Dialects;

/// <summary>
/// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Group commits of every node take a
/// transaction-scoped advisory lock first, so ordering numbers become visible in increasing order and a reader
/// of <c>ordering &gt; offset</c> never skips an event; commits NOTIFY the journal's channel.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresChangeListener _listener;
    private readonly string _insertSql;

    public PostgresDialect(SqlPersistenceOptions options, TimeProvider time) : base(options, time)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "ActorSupervisor.journal";
        _dataSource = builder.Build();
        _listener = new PostgresChangeListener(_dataSource, Tables.NotifyChannel, Changes, this);
        // One statement per batch: unnest keeps the row order (WITH ORDINALITY), so one actor's events get
        // increasing orderings; conflicting rows are skipped, not raised, so the transaction stays usable.
        _insertSql = $"""
            INSERT INTO {Tables.Journal} (persistence_id, sequence_nr, manifest, payload, created, tags, writer_id)
            SELECT pid, seq, manifest, payload, created, tags, writer
            FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[], $5::bigint[], $6::text[], $7::text[])
                WITH ORDINALITY AS e(pid, seq, manifest, payload, created, tags, writer, position)
            ORDER BY position
            ON CONFLICT (persistence_id, sequence_nr) DO NOTHING
            RETURNING persistence_id, sequence_nr, ordering
            """;
    }

    public override ChangeSignal Changes { get; } = new();
    public override string Name => "pg";
    public override string OrderingColumnDefinition => "ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    public override string BlobType => "BYTEA";
    public override string Contains(string column, string parameter) => $"strpos({column}, {parameter}) > 0";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SqlCommands.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", Tables.LockKey))
                .ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A plain transaction: <see cref="InsertEventsAsync"/> takes the lock as the first statement of its batch, saving a round trip.</summary>
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<long?[]> InsertEventsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<SerializedEvent> events, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        // Statements of a batch run in order: the lock is held before the insert draws ordering numbers.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter { Value = Tables.LockKey } } });
        var insert = new NpgsqlBatchCommand(_insertSql);
        insert.Parameters.Add(Array(events, e => e.PersistenceId, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(events, e => e.SequenceNr, NpgsqlDbType.Bigint));
        insert.Parameters.Add(Array(events, e => e.Manifest, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(events, e => e.Payload, NpgsqlDbType.Bytea));
        insert.Parameters.Add(Array(events, e => e.CreatedTicks, NpgsqlDbType.Bigint));
        insert.Parameters.Add(Array(events, e => e.Tags, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(events, e => e.WriterId, NpgsqlDbType.Text));
        batch.BatchCommands.Add(insert);
        // Delivered to listeners only if and when the transaction commits.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"NOTIFY {Tables.NotifyChannel}"));

        var inserted = new Dictionary<(string, long), long>(events.Count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                inserted[(reader.GetString(0), reader.GetInt64(1))] = reader.GetInt64(2);
        }
        var orderings = new long?[events.Count];
        for (var i = 0; i < events.Count; i++)
            orderings[i] = inserted.TryGetValue((events[i].PersistenceId, events[i].SequenceNr), out var ordering) ? ordering : null;
        return orderings;
    }

    public override void StartListening() => _listener.Start();

    public override bool IsTransient(Exception exception) => exception is NpgsqlException { IsTransient: true };

    /// <summary>After a server restart every idle pooled connection is dead: clear them rather than fail on each.</summary>
    public override void OnTransientFault() => _dataSource.Clear();

    public override async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static NpgsqlParameter Array<T>(IReadOnlyList<SerializedEvent> events, Func<SerializedEvent, T> select, NpgsqlDbType type)
    {
        var values = new T[events.Count];
        for (var i = 0; i < values.Length; i++) values[i] = select(events[i]);
        return new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };
    }
}
