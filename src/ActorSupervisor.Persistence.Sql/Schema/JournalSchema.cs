using System.Data.Common;
using ActorSupervisor.Persistence.Sql.Dialects;

namespace ActorSupervisor.Persistence.Sql.Schema;

/// <summary>
/// The journal's tables, in one place, as numbered migrations applied on start. Idempotent: each version is
/// recorded in the schema_version table and applied once. Safe when nodes start at once: the migration runs in
/// the journal's exclusive transaction (PostgreSQL advisory lock, SQLite BEGIN IMMEDIATE), and both dialects
/// roll DDL back with the transaction.
/// </summary>
internal static class JournalSchema
{
    /// <summary>The columns a journal row is read with, in <see cref="Journal.StoredEvent"/>'s order.</summary>
    public const string EventColumns = "ordering, persistence_id, sequence_nr, manifest, payload, created, tags, writer_id";

    /// <summary>The columns a snapshot row is read with.</summary>
    public const string SnapshotColumns = "persistence_id, sequence_nr, created, manifest, payload";

    private sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);

    private static IReadOnlyList<Migration> Migrations(SqlDialect dialect)
    {
        var t = dialect.Tables;
        return
        [
            new(1, "journal and snapshot tables",
            [
                // created: UTC ticks (100 ns since 0001-01-01), exact in both dialects. tags: ';a;b;' or ''.
                // Rows are soft-deleted, so MAX(sequence_nr) stays the highest ever written after deletes.
                $"""
                CREATE TABLE {t.Journal} (
                    {dialect.OrderingColumnDefinition},
                    persistence_id TEXT NOT NULL,
                    sequence_nr BIGINT NOT NULL,
                    manifest TEXT NOT NULL,
                    payload {dialect.BlobType} NOT NULL,
                    created BIGINT NOT NULL,
                    tags TEXT NOT NULL,
                    writer_id TEXT NOT NULL,
                    deleted BOOLEAN NOT NULL DEFAULT FALSE,
                    CONSTRAINT {t.Journal}_persistence_id_sequence_nr UNIQUE (persistence_id, sequence_nr)
                )
                """,
                $"""
                CREATE TABLE {t.Snapshot} (
                    persistence_id TEXT NOT NULL,
                    sequence_nr BIGINT NOT NULL,
                    created BIGINT NOT NULL,
                    manifest TEXT NOT NULL,
                    payload {dialect.BlobType} NOT NULL,
                    PRIMARY KEY (persistence_id, sequence_nr)
                )
                """,
            ]),
        ];
    }

    /// <summary>The version a fully migrated database has.</summary>
    public static int LatestVersion(SqlDialect dialect) => Migrations(dialect)[^1].Version;

    /// <summary>Applies every migration the database lacks; returns the versions applied now.</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(SqlDialect dialect, CancellationToken cancellationToken) =>
        dialect.RunAsync(async (connection, ct) =>
        {
            await using var transaction = await dialect.BeginExclusiveAsync(connection, ct).ConfigureAwait(false);
            var version = await CurrentVersionAsync(dialect, connection, transaction, ct).ConfigureAwait(false);
            var applied = new List<int>();
            foreach (var migration in Migrations(dialect).Where(m => m.Version > version))
            {
                foreach (var statement in migration.Statements)
                    await SqlCommands.ExecuteAsync(connection, transaction, statement, ct).ConfigureAwait(false);
                await SqlCommands.ExecuteAsync(connection, transaction,
                    $"INSERT INTO {dialect.Tables.SchemaVersion} (version, description, applied) VALUES (@version, @description, @applied)", ct,
                    ("version", migration.Version), ("description", migration.Description), ("applied", dialect.Time.GetUtcNow().UtcTicks))
                    .ConfigureAwait(false);
                applied.Add(migration.Version);
            }
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return (IReadOnlyList<int>)applied;
        }, cancellationToken);

    private static async Task<int> CurrentVersionAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var table = dialect.Tables.SchemaVersion;
        await SqlCommands.ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {table} (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied BIGINT NOT NULL)", ct)
            .ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM {table}");
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        var latest = LatestVersion(dialect);
        if (version > latest)
            throw new InvalidOperationException(
                $"The journal schema in '{table}' is at version {version}, newer than this build knows ({latest}); upgrade the node.");
        return version;
    }
}
