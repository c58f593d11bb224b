using ActorSupervisor.Supervision.Serialization;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using LinqToDB.DataProvider.SQLite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// Where the node keeps its journal and snapshots, and the Akka.Persistence.Sql configuration that follows:
/// journal, snapshot store and read journal on one database, with <see cref="ContainerSerializer"/>.
/// </summary>
/// <example><code>
/// var store = StoreSettings.ForSqliteFile(Path.Combine(dataDir, "store.db"));
/// var system = ActorSystem.Create("asv", store.ToActorSystemSetup(otherConfig));
/// // or, with Akka.Hosting: builder.WithContainerStore(store);
/// </code></example>
/// <param name="Kind">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">An ADO.NET connection string for <see cref="Kind"/>.</param>
/// <param name="SqliteSynchronous">SQLite's <c>PRAGMA synchronous</c>; must be <see cref="Persistence.SqliteSynchronous.Full"/> for PostgreSQL.</param>
public sealed record StoreSettings(StoreKind Kind, string ConnectionString, SqliteSynchronous SqliteSynchronous = SqliteSynchronous.Full)
{
    /// <summary>The journal plugin's HOCON path.</summary>
    public const string JournalPluginId = SqlPersistence.JournalConfigPath;

    /// <summary>The snapshot plugin's HOCON path.</summary>
    public const string SnapshotPluginId = SqlPersistence.SnapshotStoreConfigPath;

    /// <summary>The read journal's HOCON path, for <c>PersistenceQuery.ReadJournalFor</c>.</summary>
    public const string QueryPluginId = SqlPersistence.QueryConfigPath;

    /// <summary>An SQLite file (created when missing), in WAL mode with the given <c>synchronous</c> level.</summary>
    public static StoreSettings ForSqliteFile(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true };
        return new StoreSettings(StoreKind.Sqlite, builder.ConnectionString, synchronous);
    }

    /// <summary>A PostgreSQL database (the tables are created when missing).</summary>
    public static StoreSettings ForPostgreSql(string connectionString) => new(StoreKind.PostgreSql, connectionString);

    /// <summary>The linq2db provider Akka.Persistence.Sql talks through.</summary>
    public string ProviderName => Kind switch
    {
        StoreKind.Sqlite => LinqToDB.ProviderName.SQLiteMS,
        StoreKind.PostgreSql => LinqToDB.ProviderName.PostgreSQL15,
        _ => throw new InvalidOperationException($"Unknown store kind {Kind}."),
    };

    /// <summary>Checks the settings; the messages name the setting and what to write instead.</summary>
    /// <exception cref="ArgumentException">A setting is wrong.</exception>
    public StoreSettings Validate()
    {
        if (!Enum.IsDefined(Kind))
            throw new ArgumentException($"Store kind {(int)Kind} is unknown; use {StoreKind.Sqlite} or {StoreKind.PostgreSql}.", nameof(Kind));
        if (!Enum.IsDefined(SqliteSynchronous))
            throw new ArgumentException($"SQLite synchronous level {(int)SqliteSynchronous} is unknown; use Full or Normal.", nameof(SqliteSynchronous));
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException($"The {Kind} store needs a connection string.", nameof(ConnectionString));
        if (Kind == StoreKind.PostgreSql)
            ValidatePostgreSql();
        else
            ValidateSqlite();
        return this;
    }

    /// <summary>
    /// The Akka configuration of the store: journal, snapshot store and read journal as the default plugins,
    /// started with the system, with their <c>class</c> keys, our table names and the container serializer.
    /// Fall back to it (or prepend it) in the node's configuration.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are invalid (see <see cref="Validate"/>).</exception>
    public Config ToConfig()
    {
        Validate();
        return ConfigurationFactory.ParseString(StoreHocon.Render(this))
            .WithFallback(ContainerSerialization.Config)
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// The linq2db options every plugin connects with. For SQLite they carry the interceptor that sets WAL and
    /// <c>synchronous</c> on each connection and takes the work off the caller's thread, and connections whose write
    /// transactions take turns (<see cref="SqliteStoreConnection"/>), so they must reach the plugins (see
    /// <see cref="ToDataOptionsSetup"/>).
    /// </summary>
    public DataOptions ToDataOptions()
    {
        Validate();
        var options = new DataOptions().UseConnectionString(ProviderName, ConnectionString);
        if (Kind != StoreKind.Sqlite) return options;
        var connect = SqliteStoreConnection.For(ConnectionString);
        return options
            .UseConnectionFactory(SQLiteTools.GetDataProvider(SQLiteProvider.Microsoft), o => connect(o.ConnectionOptions.ConnectionString ?? ConnectionString))
            .UseInterceptor(new SqlitePragmaInterceptor(SqliteSynchronous));
    }

    /// <summary>The setup that hands <see cref="ToDataOptions"/> to the journal, the snapshot store and the read journal.</summary>
    public Setup ToDataOptionsSetup() => new DataOptionsSetup(ToDataOptions());

    /// <summary>An actor system setup with the store's configuration over <paramref name="config"/> and its data options.</summary>
    public ActorSystemSetup ToActorSystemSetup(Config? config = null)
    {
        var merged = config is null ? ToConfig() : ToConfig().WithFallback(config);
        return BootstrapSetup.Create().WithConfig(merged).And(ToDataOptionsSetup());
    }

    private void ValidatePostgreSql()
    {
        if (SqliteSynchronous != SqliteSynchronous.Full)
            throw new ArgumentException(
                $"SQLite synchronous level {SqliteSynchronous} does not apply to PostgreSQL, whose durability is the server's own (synchronous_commit); remove the setting.",
                nameof(SqliteSynchronous));
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {ex.Message}", nameof(ConnectionString), ex);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new ArgumentException("The PostgreSQL connection string names no Host.", nameof(ConnectionString));
    }

    private void ValidateSqlite()
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The SQLite connection string is malformed: {ex.Message}", nameof(ConnectionString), ex);
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new ArgumentException("The SQLite connection string names no Data Source (the store file).", nameof(ConnectionString));
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
            throw new ArgumentException("An in-memory SQLite store loses every event at exit and is not shared between the plugins' connections; give a file.", nameof(ConnectionString));
        if (builder.Mode == SqliteOpenMode.ReadOnly)
            throw new ArgumentException("The SQLite store is opened read-only; the journal must write.", nameof(ConnectionString));
    }
}
