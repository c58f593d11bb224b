using ActorSupervisor.Persistence.Sql.Dialects;
using Microsoft.Data.Sqlite;

namespace ActorSupervisor.Persistence.Sql.Tests.Contract;

/// <summary>The journal contract on a real SQLite file per test.</summary>
public sealed class SqliteJournalTests : JournalContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("asv-journal-").FullName;

    protected override SqlPersistenceOptions NewDatabase() =>
        SqlPersistenceOptions.ForSqliteFile(Path.Combine(_directory, $"{Guid.NewGuid():N}.db"));

    protected override string CorruptBytesLiteral => "X'00FF7B'";

    protected override async Task<object?> ExecuteRawAsync(SqlPersistenceOptions options, string sql)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_file_is_in_wal_mode()
    {
        Assert.Equal("wal", await ExecuteRawAsync(Options, "PRAGMA journal_mode"));
    }

    // synchronous is per connection, so it is read on a connection the journal itself opened: 2 = FULL, 1 = NORMAL.
    [Theory]
    [InlineData(SqliteSynchronous.Full, 2L)]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    public async Task Journal_connections_run_with_the_configured_synchronous_mode(SqliteSynchronous synchronous, long pragma)
    {
        var options = Options with { SqliteSynchronous = synchronous };
        await using var dialect = new SqliteDialect(options, TimeProvider.System);
        await using var connection = await dialect.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        Assert.Equal(pragma, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_in_memory_database_is_refused_because_it_would_not_be_durable()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            SqlPersistence.OpenAsync(SqlPersistenceOptions.ForSqliteFile(":memory:"), Support.TestRegistry.Create()));

        Assert.Contains("SQLite needs a file", error.Message);
    }

    [Fact]
    public async Task The_data_directory_is_created_when_missing()
    {
        var options = SqlPersistenceOptions.ForSqliteFile(Path.Combine(_directory, "node-data", "nested", "journal.db"));

        await OpenAsync(options);

        Assert.True(File.Exists(Path.Combine(_directory, "node-data", "nested", "journal.db")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
