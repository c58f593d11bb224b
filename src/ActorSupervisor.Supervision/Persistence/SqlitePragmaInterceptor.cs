using System.Data.Common;
using LinqToDB.Interceptors;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// Puts every connection the plugin opens into WAL mode with the chosen <c>synchronous</c> level:
/// Microsoft.Data.Sqlite has no connection-string keyword for either, and <c>synchronous</c> is per connection.
/// </summary>
internal sealed class SqlitePragmaInterceptor(SqliteSynchronous synchronous) : IConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")};";

    public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection)
    {
    }

    public Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
