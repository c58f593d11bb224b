using System.Data.Common;
using ActorSupervisor.Supervision.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorSupervisor.Node.Hosting.Import;

/// <summary>
/// Where the journal of the releases before Akka.Persistence.Sql lives, and how it is marked imported.
/// Its tables are <c>asv_journal</c>, <c>asv_snapshot</c> and <c>asv_schema_version</c> (schema version 1, as
/// written by commit 346d962 and earlier): in the SQLite file <c>&lt;data-dir&gt;/journal.db</c> when the node uses
/// the default store file, otherwise in the store's own database (a configured SQLite connection string, or
/// PostgreSQL). There the old <c>asv_snapshot</c> has the name Akka.Persistence.Sql's snapshot table has, so the
/// old tables are renamed <c>asv_legacy_*</c> before the store starts; the import is done when
/// <c>asv_legacy_import</c> records it.
/// </summary>
internal abstract record LegacyJournal
{
    /// <summary>The old journal's file name in the data directory.</summary>
    public const string FileName = "journal.db";

    /// <summary>What its file is renamed to once imported.</summary>
    public const string ImportedFileName = "journal.db.imported";

    /// <summary>The schema version this importer reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The old tables (journal, snapshot, schema version).</summary>
    public static readonly string[] Tables = ["asv_journal", "asv_snapshot", "asv_schema_version"];

    /// <summary>The old tables' names once set aside in a shared database.</summary>
    public static string LegacyName(string table) => "asv_legacy_" + table["asv_".Length..];

    /// <summary>Where it is, for messages.</summary>
    public abstract string Description { get; }

    /// <summary>The old journal table as the import's SQL names it.</summary>
    public abstract string JournalTable { get; }

    /// <summary>The old schema version table as the import's SQL names it.</summary>
    public abstract string SchemaVersionTable { get; }

    /// <summary>How an operator sets it aside without importing it (named in refusals).</summary>
    public abstract string SetAsideCommand { get; }

    /// <summary>The old journal as a separate SQLite file, attached as <c>legacy</c> to the store's connection.</summary>
    public sealed record SqliteFile(string Path) : LegacyJournal
    {
        public override string Description => Path;
        public override string JournalTable => "legacy.asv_journal";
        public override string SchemaVersionTable => "legacy.asv_schema_version";
        public override string SetAsideCommand => $"mv '{Path}' '{ImportedPath}'";

        public string ImportedPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, ImportedFileName);
    }

    /// <summary>The old tables in the store's own database; <paramref name="Renamed"/> when already set aside as <c>asv_legacy_*</c>.</summary>
    public sealed record SharedDatabase(StoreKind Kind, bool Renamed) : LegacyJournal
    {
        public override string Description => $"the tables {string.Join(", ", Tables)} of the {Kind} store's database";
        public override string JournalTable => LegacyName("asv_journal");
        public override string SchemaVersionTable => LegacyName("asv_schema_version");
        public override string SetAsideCommand => $"ALTER TABLE {JournalTable} RENAME TO {JournalTable}_skipped;";
    }

    /// <summary>
    /// The old journal of a node whose store is <paramref name="store"/>, or null when there is none (a new data
    /// directory, or one already imported). <paramref name="defaultFile"/> says the store is the default
    /// <c>store.db</c> in <paramref name="dataDirectory"/>, whose old journal was <c>journal.db</c> there.
    /// </summary>
    public static async Task<LegacyJournal?> FindAsync(StoreSettings store, string dataDirectory, bool defaultFile, CancellationToken cancellationToken)
    {
        if (store.Kind == StoreKind.Sqlite && defaultFile)
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
            if (!File.Exists(path)) return null;
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return await HasTablesAsync(connection, StoreKind.Sqlite, ["asv_journal", "asv_schema_version"], cancellationToken) ? new SqliteFile(path) : null;
        }
        await using (var connection = await OpenStoreAsync(store, cancellationToken))
        {
            if (await HasTablesAsync(connection, store.Kind, ["asv_journal", "asv_schema_version"], cancellationToken))
                return new SharedDatabase(store.Kind, Renamed: false);
            if (!await HasTablesAsync(connection, store.Kind, [LegacyName("asv_journal")], cancellationToken))
                return null;
            var done = await HasTablesAsync(connection, store.Kind, [LegacyJournalImport.MarkerTable], cancellationToken)
                && await ScalarAsync(connection, null, $"SELECT containers FROM {LegacyJournalImport.MarkerTable} WHERE source = 'journal'", cancellationToken) is not null;
            return done ? null : new SharedDatabase(store.Kind, Renamed: true);
        }
    }

    /// <summary>Whether every one of <paramref name="tables"/> is in the database of <paramref name="connection"/> (SQLite: its main database).</summary>
    public static async Task<bool> HasTablesAsync(DbConnection connection, StoreKind kind, IReadOnlyList<string> tables, CancellationToken cancellationToken,
        DbTransaction? transaction = null)
    {
        foreach (var table in tables)
        {
            var sql = kind == StoreKind.PostgreSql
                ? $"SELECT CASE WHEN to_regclass('{table}') IS NULL THEN 0 ELSE 1 END"
                : $"SELECT COUNT(*) FROM main.sqlite_master WHERE type = 'table' AND name = '{table}'";
            if (Convert.ToInt64(await ScalarAsync(connection, transaction, sql, cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                return false;
        }
        return true;
    }
    /// <summary>A connection to the store's database (SQLite with its WAL pragmas).</summary>
    public static async Task<DbConnection> OpenStoreAsync(StoreSettings store, CancellationToken cancellationToken)
    {
        DbConnection connection = store.Kind == StoreKind.PostgreSql
            ? new NpgsqlConnection(store.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(store.ConnectionString) { Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (store.Kind == StoreKind.Sqlite)
            {
                var synchronous = store.SqliteSynchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL";
                await ExecuteAsync(connection, null, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};", cancellationToken);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }
}
