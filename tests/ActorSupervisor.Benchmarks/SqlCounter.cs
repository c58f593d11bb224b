using System.Collections.Concurrent;
using System.Data.Common;
using LinqToDB.Interceptors;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// Counts what the journal plugin does to the database (connections opened, statements by their first word), to
/// see where a write path's time goes without a profiler. Add it to the plugin's linq2db options.
/// </summary>
internal sealed class SqlCounter : CommandInterceptor
{
    private long _connections;

    public SqlCounter() => Connection = new ConnectionHook(this);

    /// <summary>The connection half: linq2db files an interceptor under one kind only, so it is an object of its own.</summary>
    public IConnectionInterceptor Connection { get; }

    /// <summary>Statements by their first word (INSERT, SELECT, ...).</summary>
    public ConcurrentDictionary<string, long> Statements { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Connections opened.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Forgets the counts so far.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _connections, 0);
        Statements.Clear();
    }

    /// <summary>The counts as one line.</summary>
    public string Describe() =>
        $"connections opened {Connections}; statements {string.Join(", ", Statements.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}"))}";

    public override DbCommand CommandInitialized(CommandEventData eventData, DbCommand command)
    {
        var text = command.CommandText.AsSpan().TrimStart();
        var end = text.IndexOfAny(' ', '\n', '\r');
        var verb = (end < 0 ? text : text[..end]).ToString().ToUpperInvariant();
        Statements.AddOrUpdate(verb, 1, (_, n) => n + 1);
        return command;
    }

    private sealed class ConnectionHook(SqlCounter counter) : IConnectionInterceptor
    {
        public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection)
        {
        }

        public Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

        public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection) => Interlocked.Increment(ref counter._connections);

        public Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._connections);
            return Task.CompletedTask;
        }
    }
}
