using System.Collections.Concurrent;
using System.Data.Common;
using ActorSupervisor.Persistence.Sql.Journal;
using Microsoft.Data.Sqlite;

namespace ActorSupervisor.Persistence.Sql.Dialects;

/// <summary>
/// SQLite: one file in WAL mode with <c>synchronous=FULL</c> by default, so a commit is durable once it returns
/// (<see cref="SqliteSynchronous.Normal"/> drops the per-commit fsync: durable across a process crash, not a power loss).
/// Writers serialize on <c>BEGIN IMMEDIATE</c>; commits wake the live feeds of this process only (a commit by
/// another process is seen at this process's next commit).
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    // Instances of this process opened on one file share a signal, so each one's feed sees the others' commits.
    private static readonly ConcurrentDictionary<string, ChangeSignal> SignalsByFile = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteDialect(SqlPersistenceOptions options, TimeProvider time) : base(options, time)
    {
        _ = NativeLibrary.Value;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            throw new ArgumentException(
                $"SqlPersistenceOptions.ConnectionString: SQLite needs a file ('Data Source=/path/journal.db'), not '{options.ConnectionString}'.",
                nameof(options));
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        _connectionString = builder.ToString();
        _pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(options.SqliteSynchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")};";
        var file = Path.GetFullPath(builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        Changes = SignalsByFile.GetOrAdd(file, _ => new ChangeSignal());
    }

    public override ChangeSignal Changes { get; }

    public override string Name => "sqlite";
    public override string OrderingColumnDefinition => "ordering INTEGER PRIMARY KEY AUTOINCREMENT";
    public override string BlobType => "BLOB";

    // SQLite's planner keeps CROSS JOIN's order; statistics (after an ANALYZE) could otherwise pick a plan that
    // scans the whole journal to build a filter for every bulk-replay chunk.
    public override string DrivingJoin => "CROSS JOIN";
    public override string Contains(string column, string parameter) => $"instr({column}, {parameter}) > 0";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // WAL persists in the file; synchronous is per connection: FULL makes each commit fsync the WAL, NORMAL
            // leaves the WAL in the page cache until a checkpoint.
            await SqlCommands.ExecuteAsync(connection, null, _pragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override async Task<long?[]> InsertEventsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<SerializedEvent> events, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Command(connection, transaction,
            $"""
            INSERT INTO {Tables.Journal} (persistence_id, sequence_nr, manifest, payload, created, tags, writer_id)
            VALUES (@pid, @seq, @manifest, @payload, @created, @tags, @writer)
            ON CONFLICT (persistence_id, sequence_nr) DO NOTHING
            RETURNING ordering
            """);
        var pid = SqlCommands.Add(command, "@pid", "");
        var seq = SqlCommands.Add(command, "@seq", 0L);
        var manifest = SqlCommands.Add(command, "@manifest", "");
        var payload = SqlCommands.Add(command, "@payload", Array.Empty<byte>());
        var created = SqlCommands.Add(command, "@created", 0L);
        var tags = SqlCommands.Add(command, "@tags", "");
        var writer = SqlCommands.Add(command, "@writer", "");
        command.Prepare();
        var orderings = new long?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            (pid.Value, seq.Value, manifest.Value, payload.Value) = (e.PersistenceId, e.SequenceNr, e.Manifest, e.Payload);
            (created.Value, tags.Value, writer.Value) = (e.CreatedTicks, e.Tags, e.WriterId);
            orderings[i] = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        }
        return orderings;
    }

    public override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED };

    public override ValueTask DisposeAsync()
    {
        // Pooled handles keep the file open; release them so the file can be moved or deleted after disposal.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
