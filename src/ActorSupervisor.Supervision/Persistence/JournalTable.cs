using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// Direct reads of Akka.Persistence.Sql's journal table (default column names) for what its read journal
/// cannot give quickly: the newest ordering, the streams by their last event, and the rows after an ordering right
/// after a write (its <c>CurrentAllEvents</c> waits for a sequence actor that polls once a second).
/// </summary>
internal sealed class JournalTable : IAsyncDisposable
{
    private const string Columns = "ordering, deleted, persistence_id, sequence_number, created, message, identifier, manifest";
    private readonly DbDataSource _source;

    public JournalTable(StoreSettings settings)
    {
        _source = settings.Kind == StoreKind.PostgreSql
            ? NpgsqlDataSource.Create(settings.ConnectionString)
            : SqliteFactory.Instance.CreateDataSource(settings.ConnectionString);
    }

    public async Task<long> MaxOrderingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _source.CreateCommand($"SELECT MAX(ordering) FROM {StoreTables.Journal}");
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException ex) when (IsMissingTable(ex))
        {
            return 0;
        }
    }

    /// <summary>The persistence ids whose newest row's manifest is not <paramref name="lastManifest"/>.</summary>
    public async Task<IReadOnlyList<string>> PersistenceIdsNotEndingWithAsync(string lastManifest, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        try
        {
            // The primary key (persistence_id, sequence_number) answers the inner MAX per stream.
            await using var command = _source.CreateCommand(
                $"""
                SELECT j.persistence_id FROM {StoreTables.Journal} j
                WHERE j.sequence_number = (SELECT MAX(k.sequence_number) FROM {StoreTables.Journal} k WHERE k.persistence_id = j.persistence_id)
                  AND j.manifest <> @manifest
                """);
            AddParameter(command, "manifest", lastManifest);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        }
        catch (DbException ex) when (IsMissingTable(ex))
        {
            // No table yet: no stream.
        }
        return ids;
    }

    public async Task<IReadOnlyList<JournalRow>> ReadAfterAsync(long afterOrdering, int max, CancellationToken cancellationToken)
    {
        var rows = new List<JournalRow>();
        try
        {
            await using var command = _source.CreateCommand(
                $"SELECT {Columns} FROM {StoreTables.Journal} WHERE ordering > @after ORDER BY ordering LIMIT @max");
            AddParameter(command, "after", afterOrdering);
            AddParameter(command, "max", max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new JournalRow(
                    reader.GetInt64(0), reader.GetBoolean(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                    (byte[])reader.GetValue(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? "" : reader.GetString(7)));
            }
        }
        catch (DbException ex) when (IsMissingTable(ex))
        {
            // The journal creates its table when it starts; until then there is nothing to read.
        }
        return rows;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // SQLite reports a missing table only as SQLITE_ERROR (1) with this text; PostgreSQL has undefined_table.
    private static bool IsMissingTable(DbException ex) => ex switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UndefinedTable,
        SqliteException sqlite => sqlite.SqliteErrorCode == 1 && sqlite.Message.Contains("no such table", StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>One row of the journal table.</summary>
internal sealed record JournalRow(
    long Ordering, bool Deleted, string PersistenceId, long SequenceNr, long CreatedTicks, byte[] Message, int? SerializerId, string Manifest);
