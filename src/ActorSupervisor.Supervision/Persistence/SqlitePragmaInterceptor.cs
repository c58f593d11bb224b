using System.Data.Common;
using System.Runtime.CompilerServices;
using LinqToDB.Interceptors;
using Microsoft.Data.Sqlite;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// Puts every connection the plugin opens into WAL mode with the chosen <c>synchronous</c> level:
/// Microsoft.Data.Sqlite has no connection-string keyword for either, and <c>synchronous</c> is per connection.
/// It also moves each asynchronous use of a connection off its caller's thread (see <see cref="ConnectionOpeningAsync"/>).
/// </summary>
internal sealed class SqlitePragmaInterceptor(SqliteSynchronous synchronous) : IConnectionInterceptor
{
    private readonly string _synchronous = $"PRAGMA synchronous={(synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")};";

    // The synchronous pragma last run on each SQLite handle (sqlite3). The plugin opens a connection for every read and
    // write, but Microsoft.Data.Sqlite's pool hands out the same few handles again and the level stays with the handle:
    // setting it once per handle spares every later open a statement (a recovery opens three connections, each a
    // PRAGMA more). Shared by every interceptor, so that a store of another level on the same file sets its own again.
    // A handle the pool closes is collected and leaves the table with it.
    private static readonly ConditionalWeakTable<object, string> Configured = new();
    private int _walSet;

    // WAL is a property of the file and stays once set: only the first connection pays for switching it (the
    // plugin opens a connection per write, so a per-connection journal_mode pragma was a cost on every event).
    // synchronous is a property of the connection and is set on each.
    private bool WalSet => Volatile.Read(ref _walSet) == 1;

    private string Pragmas(bool wal) => wal ? _synchronous : "PRAGMA journal_mode=WAL; " + _synchronous;

    public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection)
    {
    }

    /// <summary>
    /// Continues on the thread pool. Microsoft.Data.Sqlite's async methods run synchronously, so without this the
    /// plugin's callers would do the database work on their own thread: the journal's write stream would take each
    /// event off its queue and write it alone (one INSERT and one fsync per event, nothing left to batch behind it),
    /// and the journal and snapshot actors would read one recovery at a time. After the yield the caller gets an
    /// unfinished task back and goes on: the write queue fills up into batches and recoveries read side by side.
    /// </summary>
    public async Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

    public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        if (IsConfigured(connection)) return;
        var wal = WalSet;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(wal);
        command.ExecuteNonQuery();
        MarkConfigured(connection, wal);
    }

    public async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        if (IsConfigured(connection)) return;
        var wal = WalSet;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(wal);
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection, wal);
    }

    private bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out var set) && set == _synchronous;

    private void MarkConfigured(DbConnection connection, bool walWasSet)
    {
        if (!walWasSet) Volatile.Write(ref _walSet, 1);
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, _synchronous);
    }
}
