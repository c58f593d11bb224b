using ActorSupervisor.Persistence.Sql.Tests.Support;
using Npgsql;

namespace ActorSupervisor.Persistence.Sql.Tests.Contract;

/// <summary>
/// The journal contract on the real PostgreSQL server of tests/services/postgres.sh; each test gets its own
/// table prefix. Fails, never skips, when ASV_TEST_PG is missing.
/// </summary>
public sealed class PostgresJournalTests : JournalContractTests
{
    protected override SqlPersistenceOptions NewDatabase() =>
        SqlPersistenceOptions.ForPostgreSql(PostgresServer.ConnectionString) with { TablePrefix = PostgresServer.FreshPrefix() };

    protected override string CorruptBytesLiteral => "'\\x00ff7b'::bytea";

    protected override async Task<object?> ExecuteRawAsync(SqlPersistenceOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
