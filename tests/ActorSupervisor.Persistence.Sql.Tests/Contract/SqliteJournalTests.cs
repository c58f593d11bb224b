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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
