using System.Text.RegularExpressions;

namespace ActorSupervisor.Persistence.Sql;

/// <summary>
/// How to reach and run the SQL journal; a plain settings object the node binds from configuration.
/// </summary>
public sealed partial record SqlPersistenceOptions
{
    /// <summary>Which database to use.</summary>
    public SqlProvider Provider { get; init; } = SqlProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string: <c>Data Source=/path/journal.db</c> for SQLite,
    /// <c>Host=...;Database=...;Username=...</c> for PostgreSQL.
    /// </summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>Prefix of every table name (lowercase letters, digits and underscores), so several journals can share a database.</summary>
    public string TablePrefix { get; init; } = "asv_";

    /// <summary>The most events one group commit writes in one transaction; a single larger call is still written whole.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>The most write calls waiting for the writer; further callers wait for room.</summary>
    public int QueueSize { get; init; } = 10_000;

    /// <summary>How often a read, or a write known not to have committed, is tried on a transient fault.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry; it doubles after each further failure.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// SQLite only: whether each commit waits for an fsync (<see cref="SqliteSynchronous.Full"/>, the default) or
    /// may lose its last transactions on a power loss (<see cref="SqliteSynchronous.Normal"/>). PostgreSQL refuses
    /// <see cref="SqliteSynchronous.Normal"/>; its durability is the server's <c>synchronous_commit</c>.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>Options for an SQLite journal in the file at <paramref name="path"/>.</summary>
    public static SqlPersistenceOptions ForSqliteFile(string path) =>
        new() { Provider = SqlProvider.Sqlite, ConnectionString = $"Data Source={path}" };

    /// <summary>Options for a PostgreSQL journal reached with <paramref name="connectionString"/>.</summary>
    public static SqlPersistenceOptions ForPostgreSql(string connectionString) =>
        new() { Provider = SqlProvider.PostgreSql, ConnectionString = connectionString };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Provider))
            throw new ArgumentException($"SqlPersistenceOptions.Provider: unknown provider '{Provider}'.", nameof(Provider));
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("SqlPersistenceOptions.ConnectionString: required, e.g. 'Data Source=journal.db'.", nameof(ConnectionString));
        if (!TablePrefixPattern().IsMatch(TablePrefix))
            throw new ArgumentException(
                $"SqlPersistenceOptions.TablePrefix: '{TablePrefix}' must be up to 40 lowercase letters, digits or underscores, not starting with a digit.",
                nameof(TablePrefix));
        if (!Enum.IsDefined(SqliteSynchronous))
            throw new ArgumentException($"SqlPersistenceOptions.SqliteSynchronous: unknown mode '{SqliteSynchronous}'.", nameof(SqliteSynchronous));
        if (Provider == SqlProvider.PostgreSql && SqliteSynchronous != SqliteSynchronous.Full)
            throw new ArgumentException(
                $"SqlPersistenceOptions.SqliteSynchronous: {SqliteSynchronous} applies to SQLite only; a PostgreSQL journal's durability is the server's synchronous_commit.",
                nameof(SqliteSynchronous));
        RequirePositive(BatchSize, nameof(BatchSize));
        RequirePositive(QueueSize, nameof(QueueSize));
        RequirePositive(MaxAttempts, nameof(MaxAttempts));
        if (RetryBackoff < TimeSpan.Zero)
            throw new ArgumentException($"SqlPersistenceOptions.RetryBackoff: {RetryBackoff} is negative.", nameof(RetryBackoff));
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0) throw new ArgumentException($"SqlPersistenceOptions.{name}: {value} must be positive.", name);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$")]
    private static partial Regex TablePrefixPattern();
}
