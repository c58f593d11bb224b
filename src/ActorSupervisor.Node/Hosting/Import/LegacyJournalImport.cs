using System.Data.Common;
using System.Diagnostics;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Supervision.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Microsoft.Data.Sqlite;

namespace ActorSupervisor.Node.Hosting.Import;

/// <summary>What one import carried over.</summary>
/// <param name="Source">Where the old journal was.</param>
/// <param name="Containers">Containers (persistence ids <c>container-*</c>) copied.</param>
/// <param name="Events">Their events copied (deleted rows are copied too, still deleted, and not counted).</param>
/// <param name="Elapsed">How long the import took, table creation included.</param>
/// <param name="Resumed">The events had been copied by an earlier start that stopped before marking the old journal; only the marking was done now.</param>
internal sealed record LegacyImportResult(string Source, int Containers, long Events, TimeSpan Elapsed, bool Resumed);

/// <summary>The old journal cannot be imported; the message says why and what to run.</summary>
internal sealed class LegacyJournalImportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Imports the journal of the releases before Akka.Persistence.Sql (<see cref="LegacyJournal"/>) into the store,
/// once, before the container host starts. Every <c>container-*</c> row is copied with its sequence number,
/// timestamp, manifest and JSON payload unchanged (they are <see cref="ContainerSerializer"/>'s), in the old
/// journal's order, by one <c>INSERT … SELECT</c> in one transaction that also records the import in
/// <c>asv_legacy_import</c>: a failed import leaves the store as it was, and the next start tries again. The
/// old file is then renamed <c>journal.db.imported</c>; in a shared database the old tables were renamed
/// <c>asv_legacy_*</c> before the store started (see <see cref="LegacyJournal"/>) and stay so. <c>shard-*</c> rows are not copied (the new layer wakes every container with a
/// history), nor snapshots (recovery replays the events; the old snapshot rows stay in the imported file).
/// Every payload is deserialized with the store's serializer first, so a journal the new node could not
/// recover is refused before anything is written.
/// </summary>
internal sealed class LegacyJournalImport(StoreSettings store, ILogger logger)
{
    /// <summary>The table recording the import in the store.</summary>
    public const string MarkerTable = "asv_legacy_import";

    private static readonly string ContainerRows = $"substr(persistence_id, 1, {ContainerPersistenceIds.Prefix.Length}) = '{ContainerPersistenceIds.Prefix}'";
    private static readonly TimeSpan TableCreationTimeout = TimeSpan.FromMinutes(1);

    // The advisory lock key serializing imports of nodes sharing one PostgreSQL database.
    private const long PostgresLockKey = 0x4153_565F_494D_504F; // "ASV_IMPO"

    /// <summary>
    /// Imports the old journal of a node on <paramref name="dataDirectory"/> if there is one not yet imported;
    /// null when there is nothing to import.
    /// </summary>
    /// <exception cref="LegacyJournalImportException">The old journal cannot be imported; nothing was written.</exception>
    public async Task<LegacyImportResult?> RunAsync(string dataDirectory, bool defaultFile, CancellationToken cancellationToken)
    {
        var legacy = await LegacyJournal.FindAsync(store, dataDirectory, defaultFile, cancellationToken);
        if (legacy is null) return null;
        logger.LogInformation("Importing the journal of the previous release from {Source} into the store", legacy.Description);
        if (legacy is LegacyJournal.SharedDatabase { Renamed: false } shared)
        {
            if (!await SetAsideAsync(shared, cancellationToken)) return null;
            legacy = shared with { Renamed = true };
        }
        var watch = Stopwatch.StartNew();
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING\nakka.actor.provider = local");
        var system = ActorSystem.Create("asv-import", store.ToActorSystemSetup(config));
        try
        {
            await CreateTablesAsync(system, cancellationToken);
            var result = await CopyAsync(legacy, system, cancellationToken);
            if (result is null) return null;
            result = result with { Elapsed = watch.Elapsed };
            if (result.Resumed)
                logger.LogInformation("The journal at {Source} had been imported by an earlier start; it is now marked imported", result.Source);
            else
                logger.LogInformation(
                    "Imported the journal of the previous release from {Source}: {Containers} containers, {Events} events in {Seconds:0.00} s (snapshots not carried over: recovery replays the events)",
                    result.Source, result.Containers, result.Events, result.Elapsed.TotalSeconds);
            return result;
        }
        finally
        {
            await system.Terminate();
        }
    }

    // The journal and snapshot store create their tables when they start; a recovery goes through both and
    // waits for them, so its end means the tables exist.
    private static async Task CreateTablesAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = system.ActorOf(Props.Create(() => new TableProbe(recovered)), "table-probe");
        try
        {
            await recovered.Task.WaitAsync(TableCreationTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new LegacyJournalImportException($"The store did not create its tables within {TableCreationTimeout.TotalSeconds:0} s; is the database reachable?", ex);
        }
        finally
        {
            system.Stop(probe);
        }
    }

    private async Task<LegacyImportResult?> CopyAsync(LegacyJournal legacy, ActorSystem system, CancellationToken cancellationToken)
    {
        var file = legacy as LegacyJournal.SqliteFile;
        DbConnection connection;
        if (file is not null)
        {
            await CheckpointAsync(file.Path, cancellationToken);
            connection = await LegacyJournal.OpenStoreAsync(store, cancellationToken);
            await LegacyJournal.ExecuteAsync(connection, null, $"ATTACH DATABASE '{file.Path.Replace("'", "''", StringComparison.Ordinal)}' AS legacy", cancellationToken);
        }
        else
        {
            connection = await LegacyJournal.OpenStoreAsync(store, cancellationToken);
        }

        LegacyImportResult result;
        try
        {
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(cancellationToken);
            await LockAsync(connection, transaction, cancellationToken);
            await LegacyJournal.ExecuteAsync(connection, transaction,
                $"CREATE TABLE IF NOT EXISTS {MarkerTable} (source TEXT PRIMARY KEY, imported BIGINT NOT NULL, containers BIGINT NOT NULL, events BIGINT NOT NULL)",
                cancellationToken);
            var marked = await LegacyJournal.ScalarAsync(connection, transaction, $"SELECT containers FROM {MarkerTable} WHERE source = 'journal'", cancellationToken);
            if (marked is not null && file is not null)
            {
                // Copied by an earlier start that stopped before renaming the file.
                await transaction.CommitAsync(cancellationToken);
                result = new LegacyImportResult(legacy.Description, Convert.ToInt32(marked, System.Globalization.CultureInfo.InvariantCulture), 0, TimeSpan.Zero, Resumed: true);
            }
            else
            {
                // Another node on the same database imported while this one waited for the lock.
                if (marked is not null) return null;
                await CheckVersionAsync(connection, transaction, legacy, cancellationToken);
                await CheckStoreEmptyAsync(connection, transaction, legacy, cancellationToken);
                var (containers, events) = await ValidateAsync(connection, transaction, system, legacy, cancellationToken);
                await LegacyJournal.ExecuteAsync(connection, transaction,
                    $"""
                    INSERT INTO {StoreTables.Journal} (deleted, persistence_id, sequence_number, created, message, identifier, manifest, writer_uuid)
                    SELECT deleted, persistence_id, sequence_nr, created, payload, {ContainerSerializer.SerializerId}, manifest, substr(writer_id, 1, 128)
                    FROM {legacy.JournalTable} WHERE {ContainerRows} ORDER BY ordering
                    """, cancellationToken);
                await LegacyJournal.ExecuteAsync(connection, transaction,
                    $"INSERT INTO {MarkerTable} (source, imported, containers, events) VALUES ('journal', {DateTime.UtcNow.Ticks}, {containers}, {events})",
                    cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                result = new LegacyImportResult(legacy.Description, containers, events, TimeSpan.Zero, Resumed: false);
            }
            if (file is not null)
                await LegacyJournal.ExecuteAsync(connection, null, "DETACH DATABASE legacy", cancellationToken);
        }
        finally
        {
            await connection.DisposeAsync();
            if (connection is SqliteConnection sqlite) SqliteConnection.ClearPool(sqlite);
        }

        if (file is not null)
            MarkImported(file);
        return result;
    }

    // In a shared database the old asv_snapshot has the name of the store's snapshot table: the old tables are
    // renamed asv_legacy_* before the store starts and creates its own. False when another node did it meanwhile.
    private async Task<bool> SetAsideAsync(LegacyJournal.SharedDatabase legacy, CancellationToken cancellationToken)
    {
        await using var connection = await LegacyJournal.OpenStoreAsync(store, cancellationToken);
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);
        if (!await LegacyJournal.HasTablesAsync(connection, store.Kind, LegacyJournal.Tables, cancellationToken, transaction))
            return false;
        await CheckVersionAsync(connection, transaction, legacy with { Renamed = false }, cancellationToken, renamed: false);
        await CheckStoreEmptyAsync(connection, transaction, legacy, cancellationToken);
        foreach (var table in LegacyJournal.Tables)
            await LegacyJournal.ExecuteAsync(connection, transaction, $"ALTER TABLE {table} RENAME TO {LegacyJournal.LegacyName(table)}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Renamed the previous release's tables {Tables} to asv_legacy_*", string.Join(", ", LegacyJournal.Tables));
        return true;
    }

    // Nodes sharing a PostgreSQL database import one at a time; SQLite's BEGIN IMMEDIATE already serializes writers.
    private async Task LockAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (store.Kind == StoreKind.PostgreSql)
            await LegacyJournal.ScalarAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
    }

    private async Task CheckStoreEmptyAsync(DbConnection connection, DbTransaction transaction, LegacyJournal legacy, CancellationToken cancellationToken)
    {
        if (!await LegacyJournal.HasTablesAsync(connection, store.Kind, [StoreTables.Journal], cancellationToken, transaction)) return;
        var existing = await LegacyJournal.ScalarAsync(connection, transaction,
            $"SELECT COUNT(*) FROM {StoreTables.Journal} WHERE {ContainerRows}", cancellationToken);
        if (Convert.ToInt64(existing, System.Globalization.CultureInfo.InvariantCulture) > 0)
            throw Refusal(legacy, $"the store already holds events of containers created by this release (table {StoreTables.Journal})");
    }

    private static async Task CheckVersionAsync(DbConnection connection, DbTransaction transaction, LegacyJournal legacy, CancellationToken cancellationToken,
        bool renamed = true)
    {
        var table = renamed ? legacy.SchemaVersionTable : "asv_schema_version";
        var version = Convert.ToInt32(await LegacyJournal.ScalarAsync(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM {table}", cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        if (version != LegacyJournal.SchemaVersion)
            throw Refusal(legacy, $"its schema is at version {version}; this release imports version {LegacyJournal.SchemaVersion} only");
    }

    // Deserializes every container payload with the store's serializer, so the node can recover what is copied.
    private static async Task<(int Containers, long Events)> ValidateAsync(DbConnection connection, DbTransaction transaction, ActorSystem system,
        LegacyJournal legacy, CancellationToken cancellationToken)
    {
        var serialization = system.Serialization;
        var containers = new HashSet<string>(StringComparer.Ordinal);
        long events = 0;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT persistence_id, sequence_nr, manifest, payload FROM {legacy.JournalTable} WHERE {ContainerRows} AND NOT deleted";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (persistenceId, sequenceNr, manifest) = (reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
            object value;
            try
            {
                value = serialization.Deserialize(reader.GetFieldValue<byte[]>(3), ContainerSerializer.SerializerId, manifest);
            }
            catch (Exception ex)
            {
                throw Refusal(legacy, $"event {sequenceNr} of {persistenceId} (manifest '{manifest}') cannot be read: {ex.Message}", ex);
            }
            if (value is not ContainerEvent)
                throw Refusal(legacy, $"event {sequenceNr} of {persistenceId} is a {value.GetType().Name}, not a container event");
            containers.Add(persistenceId);
            events++;
        }
        return (containers.Count, events);
    }

    // The old node leaves its WAL beside the file; fold it in so the file alone holds everything and can be renamed.
    private static async Task CheckpointAsync(string path, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await LegacyJournal.ExecuteAsync(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
    }

    private static void MarkImported(LegacyJournal.SqliteFile file)
    {
        File.Move(file.Path, file.ImportedPath, overwrite: false);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(file.Path + suffix))
                File.Move(file.Path + suffix, file.ImportedPath + suffix, overwrite: true);
        }
    }

    private static LegacyJournalImportException Refusal(LegacyJournal legacy, string why, Exception? inner = null)
    {
        var setAside = legacy is LegacyJournal.SqliteFile
            ? $"`{legacy.SetAsideCommand}`"
            : $"`{legacy.SetAsideCommand}` in the database";
        return new LegacyJournalImportException(
            $"The journal of the previous release at {legacy.Description} cannot be imported: {why}. " +
            "The node imports it by itself on start into a store that holds no container yet: to import it, stop the node, " +
            "move the store aside (or drop its asv_* tables) and start the node again. To start without the old containers instead, set the old journal aside with " +
            setAside + ".", inner);
    }

    /// <summary>Recovers nothing (its stream is empty); its recovery's end means the store's tables exist.</summary>
    private sealed class TableProbe(TaskCompletionSource recovered) : UntypedPersistentActor
    {
        public override string PersistenceId => "asv-legacy-import-probe";

        protected override void OnCommand(object message) => Unhandled(message);

        protected override void OnRecover(object message)
        {
            if (message is RecoveryCompleted) recovered.TrySetResult();
        }

        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            recovered.TrySetException(new LegacyJournalImportException($"The store cannot be opened: {reason.Message}", reason));
            base.OnRecoveryFailure(reason, message);
        }
    }
}
