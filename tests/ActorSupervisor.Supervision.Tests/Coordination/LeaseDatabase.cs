using Npgsql;

namespace ActorSupervisor.Supervision.Tests.Coordination;

/// <summary>A database of the test's own on the PostgreSQL server of ASV_TEST_PG, dropped on dispose.</summary>
public sealed class LeaseDatabase : IDisposable
{
    private readonly string _name = $"asv_lease_{Guid.NewGuid():N}"[..26];

    public LeaseDatabase()
    {
        using var admin = new NpgsqlConnection(Server);
        admin.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
        command.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    private static string Server => Environment.GetEnvironmentVariable("ASV_TEST_PG") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("ASV_TEST_PG is not set: start a server with 'tests/services/postgres.sh start STATE' and export the line it prints.");

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(Server);
        admin.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        command.ExecuteNonQuery();
    }
}
