using ActorSupervisor.Persistence.Sql.Dialects;
using ActorSupervisor.Persistence.Sql.Journal;
using ActorSupervisor.Persistence.Sql.Query;
using ActorSupervisor.Persistence.Sql.Schema;
using ActorSupervisor.Persistence.Sql.Serialization;
using ActorSupervisor.Persistence.Sql.Snapshots;

namespace ActorSupervisor.Persistence.Sql;

/// <summary>
/// The journal, snapshot store and query of one SQL database, built from options: the one entry point for the
/// node. Opening migrates the schema; disposing drains the writer (queued writes still commit) and closes
/// connections.
/// </summary>
/// <example><code>
/// await using var persistence = await SqlPersistence.OpenAsync(SqlPersistenceOptions.ForSqliteFile("data/journal.db"), registry);
/// IJournal journal = persistence.Journal;
/// </code></example>
public sealed class SqlPersistence : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly GroupCommitWriter _writer;

    private SqlPersistence(SqlDialect dialect, JournalSerializer serializer)
    {
        _dialect = dialect;
        _writer = new GroupCommitWriter(dialect);
        Journal = new SqlJournal(dialect, serializer, _writer);
        SnapshotStore = new SqlSnapshotStore(dialect, serializer);
        Query = new SqlEventQuery(dialect, serializer);
    }

    /// <summary>The event journal.</summary>
    public SqlJournal Journal { get; }

    /// <summary>The snapshot store.</summary>
    public SqlSnapshotStore SnapshotStore { get; }

    /// <summary>Queries and the live feed over the journal.</summary>
    public SqlEventQuery Query { get; }

    /// <summary>The options this instance was opened with.</summary>
    public SqlPersistenceOptions Options => _dialect.Options;

    /// <summary>
    /// Validates <paramref name="options"/>, connects, creates or migrates the schema and starts the writer.
    /// <paramref name="registry"/> is frozen: it must hold every event and snapshot type by now.
    /// </summary>
    /// <param name="options">Where the database is and how to write to it.</param>
    /// <param name="registry">The event and snapshot types, by manifest.</param>
    /// <param name="time">The clock for retry backoff; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels connecting and migrating.</param>
    /// <exception cref="ArgumentException">An option cannot work; the message names it.</exception>
    public static async Task<SqlPersistence> OpenAsync(SqlPersistenceOptions options, EventTypeRegistry registry,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        options.Validate();
        time ??= TimeProvider.System;
        SqlDialect dialect = options.Provider switch
        {
            SqlProvider.PostgreSql => new PostgresDialect(options, time),
            _ => new SqliteDialect(options, time),
        };
        try
        {
            await JournalSchema.MigrateAsync(dialect, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SqlPersistence(dialect, registry.Freeze());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dialect.DisposeAsync().ConfigureAwait(false);
    }
}
