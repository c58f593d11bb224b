using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// The connection the store's plugins open to an SQLite file: its write transactions take turns, first come first
/// served, with every other write transaction of this process on the same file.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, and Microsoft.Data.Sqlite begins a write transaction (BEGIN IMMEDIATE) by
/// retrying the lock with 150 ms sleeps while another holds it. Once the plugins run their database work off their
/// actors' threads (<see cref="SqlitePragmaInterceptor"/>), the journal's writer and a burst of snapshot saves would
/// all ask at once and mostly sleep; here they queue instead and each goes the moment the previous one ends.
/// A connection keeps its turn until it is closed (the plugins close it right after commit or rollback).
/// Deferred transactions (read-isolation-level = read-uncommitted) only read and take no turn. Other processes on the
/// same file still meet SQLite's own lock.
/// </remarks>
internal sealed class SqliteStoreConnection(string connectionString, SemaphoreSlim writeTurn) : SqliteConnection(connectionString)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Turns = new(StringComparer.Ordinal);
    private bool _holdsTurn;

    /// <summary>A connection factory for <paramref name="connectionString"/> whose connections share the file's turn.</summary>
    public static Func<string, DbConnection> For(string connectionString)
    {
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var turn = Turns.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        return cs => new SqliteStoreConnection(cs, turn);
    }

    /// <inheritdoc />
    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        if (Writes(isolationLevel) && !_holdsTurn)
        {
            await writeTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
            _holdsTurn = true;
        }
        return BeginOrGiveBack(isolationLevel);
    }

    /// <inheritdoc />
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (Writes(isolationLevel) && !_holdsTurn)
        {
            writeTurn.Wait();
            _holdsTurn = true;
        }
        return BeginOrGiveBack(isolationLevel);
    }

    /// <inheritdoc />
    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            GiveBack();
        }
    }

    // Microsoft.Data.Sqlite begins a deferred transaction (BEGIN) for read-uncommitted only, BEGIN IMMEDIATE otherwise.
    private static bool Writes(IsolationLevel isolationLevel) => isolationLevel != IsolationLevel.ReadUncommitted;

    private DbTransaction BeginOrGiveBack(IsolationLevel isolationLevel)
    {
        try
        {
            return base.BeginDbTransaction(isolationLevel);
        }
        catch
        {
            GiveBack();
            throw;
        }
    }

    private void GiveBack()
    {
        if (!_holdsTurn) return;
        _holdsTurn = false;
        writeTurn.Release();
    }
}
