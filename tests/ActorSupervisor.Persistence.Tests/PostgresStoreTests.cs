using ActorSupervisor.Supervision.Persistence;
using Npgsql;
using Xunit.Abstractions;

namespace ActorSupervisor.Persistence.Tests;

/// <summary>The contract on PostgreSQL (ASV_TEST_PG), each test in a database of its own, dropped afterwards.</summary>
public sealed class PostgresStoreTests : StoreContract
{
    public PostgresStoreTests(ITestOutputHelper output) : this(FreshDatabase(), output)
    {
    }

    private PostgresStoreTests((StoreSettings Settings, string Database) store, ITestOutputHelper output) : base(store.Settings, output)
    {
        _database = store.Database;
    }

    private readonly string _database;

    public const string Variable = "ASV_TEST_PG";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: start a server with 'tests/services/postgres.sh start STATE' and export the line it prints.");

    private static (StoreSettings, string) FreshDatabase()
    {
        var database = $"asv_persist_{Guid.NewGuid():N}"[..28];
        using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            admin.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            command.ExecuteNonQuery();
        }
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database };
        return (StoreSettings.ForPostgreSql(builder.ConnectionString), database);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(ServerConnectionString);
        admin.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        command.ExecuteNonQuery();
    }
}
