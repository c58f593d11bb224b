using System.Data;
using System.Data.Common;
using ActorSupervisor.Persistence.Sql.Dialects;
using ActorSupervisor.Persistence.Sql.Journal;
using Microsoft.Data.Sqlite;

namespace ActorSupervisor.Persistence.Sql.Tests.Support;

/// <summary>
/// A real SQLite dialect with injected faults, for unit tests of the group-commit writer: inserts that fail with
/// SQLITE_BUSY, or a commit that succeeds but whose acknowledgement is lost (the unknown-outcome case).
/// </summary>
internal sealed class FlakyDialect(SqlPersistenceOptions options, TimeProvider time) : SqlDialect(options, time)
{
    private readonly SqliteDialect _inner = new(options, time);

    /// <summary>How many of the next inserts fail with a transient SQLITE_BUSY.</summary>
    public int BusyInserts { get; set; }

    /// <summary>Whether the next commits are durable but report a lost connection.</summary>
    public bool LoseCommitAcknowledgement { get; set; }

    /// <summary>Inserts attempted, failed ones included.</summary>
    public int InsertAttempts { get; private set; }

    public override ChangeSignal Changes => _inner.Changes;
    public override string Name => "flaky-sqlite";
    public override string OrderingColumnDefinition => _inner.OrderingColumnDefinition;
    public override string BlobType => _inner.BlobType;
    public override string Contains(string column, string parameter) => _inner.Contains(column, parameter);
    public override ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => _inner.OpenAsync(cancellationToken);
    public override bool IsTransient(Exception exception) => _inner.IsTransient(exception);
    public override ValueTask DisposeAsync() => _inner.DisposeAsync();

    public override Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken) =>
        _inner.BeginExclusiveAsync(connection, cancellationToken);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await _inner.BeginWriteAsync(connection, cancellationToken);
        return LoseCommitAcknowledgement ? new AckLosingTransaction(transaction) : transaction;
    }

    public override Task<long?[]> InsertEventsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<SerializedEvent> events, CancellationToken cancellationToken)
    {
        InsertAttempts++;
        if (BusyInserts > 0)
        {
            BusyInserts--;
            throw new SqliteException("database is locked (injected)", SQLitePCL.raw.SQLITE_BUSY);
        }
        var real = transaction is AckLosingTransaction losing ? losing.Inner : transaction;
        return _inner.InsertEventsAsync(connection, real, events, cancellationToken);
    }

    /// <summary>Commits for real, then throws as if the connection dropped before the server's answer arrived.</summary>
    private sealed class AckLosingTransaction(DbTransaction inner) : DbTransaction
    {
        public DbTransaction Inner => inner;
        public override IsolationLevel IsolationLevel => inner.IsolationLevel;
        protected override DbConnection? DbConnection => inner.Connection;

        public override void Commit()
        {
            inner.Commit();
            throw new IOException("connection reset while waiting for the commit's answer (injected)");
        }

        public override Task CommitAsync(CancellationToken cancellationToken = default)
        {
            Commit();
            return Task.CompletedTask;
        }

        public override void Rollback() => inner.Rollback();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
