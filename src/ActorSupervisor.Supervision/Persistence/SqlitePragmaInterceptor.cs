using System.Data.Common;
using LinqToDB.Interceptors;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// Puts every connection the plugin opens into WAL mode with the chosen <c>synchronous</c> level:
/// Microsoft.Data.Sqlite has no connection-string keyword for either, and <c>synchronous</c> is per connection.
/// It also moves each asynchronous use of a connection off its caller's thread (see <see cref="ConnectionOpeningAsync"/>).
/// </summary>
internal sealed class SqlitePragmaInterceptor(SqliteSynchronous synchronous) : IConnectionInterceptor
{
    private readonly string _synchronous = $"PRAGMA synchronous={(synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")};";
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
        var wal = WalSet;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(wal);
        command.ExecuteNonQuery();
        if (!wal) Volatile.Write(ref _walSet, 1);
    }

    public async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        var wal = WalSet;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(wal);
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (!wal) Volatile.Write(ref _walSet, 1);
    }
}
