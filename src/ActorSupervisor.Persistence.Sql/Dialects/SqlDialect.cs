using System.Data.Common;
using ActorSupervisor.Persistence.Sql.Journal;

namespace ActorSupervisor.Persistence.Sql.Dialects;

/// <summary>
/// Everything that differs between SQLite and PostgreSQL: connections, column types, the exclusive write
/// transaction, the bulk insert, the tag predicate, change notification and which faults are transient.
/// The journal, snapshot store and query share one code path above it.
/// </summary>
internal abstract class SqlDialect(SqlPersistenceOptions options, TimeProvider time) : IAsyncDisposable
{
    public SqlPersistenceOptions Options { get; } = options;
    public TableNames Tables { get; } = new(options.TablePrefix);
    public TimeProvider Time { get; } = time;

    /// <summary>Pulsed after events commit; live feeds wait on it.</summary>
    public abstract ChangeSignal Changes { get; }

    public abstract string Name { get; }

    /// <summary>Column definition of the global ordering: an ever-increasing primary key.</summary>
    public abstract string OrderingColumnDefinition { get; }

    public abstract string BlobType { get; }

    /// <summary>The join keyword that makes the left side (a short list of ids) drive index lookups into the journal.</summary>
    public virtual string DrivingJoin => "JOIN";

    /// <summary>A predicate: the text column <paramref name="column"/> contains the parameter <paramref name="parameter"/>.</summary>
    public abstract string Contains(string column, string parameter);

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction that holds this journal's write lock until it ends: migrations and group commits
    /// of every process sharing the database run one at a time, so ordering numbers commit in increasing order.
    /// </summary>
    public abstract Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Begins a group commit's transaction. Exclusive like <see cref="BeginExclusiveAsync"/> by the time
    /// <see cref="InsertEventsAsync"/> draws ordering numbers; a dialect may take the lock inside the insert.
    /// </summary>
    public virtual Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginExclusiveAsync(connection, cancellationToken);

    /// <summary>
    /// Inserts <paramref name="events"/> in order, skipping those whose (persistence id, sequence number) is
    /// taken; returns each event's ordering, or null where it was skipped.
    /// </summary>
    public abstract Task<long?[]> InsertEventsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<SerializedEvent> events, CancellationToken cancellationToken);

    /// <summary>Called once the write transaction committed.</summary>
    public virtual void OnCommitted() => Changes.Pulse();

    /// <summary>
    /// Makes commits of other processes pulse <see cref="Changes"/> from now on (PostgreSQL: LISTEN, which pulses
    /// once it is up, so a reader that queried before is woken to query again). Idempotent.
    /// </summary>
    public virtual void StartListening()
    {
    }

    /// <summary>Whether <paramref name="exception"/> is a fault that may pass (a restart, a dropped connection, a busy lock).</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>Called before a retry: drops pooled connections that the same fault has likely broken too.</summary>
    public virtual void OnTransientFault()
    {
    }

    public TimeSpan Backoff(int failedAttempts) =>
        Options.RetryBackoff * Math.Pow(2, Math.Min(failedAttempts - 1, 10));

    /// <summary>
    /// Runs <paramref name="work"/> on a fresh connection, again after a transient fault, up to
    /// <see cref="SqlPersistenceOptions.MaxAttempts"/> times. Only for reads and idempotent writes.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                return await work(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Options.MaxAttempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                OnTransientFault();
                await Task.Delay(Backoff(attempt), Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public abstract ValueTask DisposeAsync();
}
