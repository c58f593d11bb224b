namespace ActorSupervisor.Persistence.Sql.Tests;

public sealed class SqlPersistenceOptionsTests
{
    [Theory]
    [InlineData("", "asv_", 10, 10, "ConnectionString")]
    [InlineData("Data Source=x.db", "Bad-Prefix", 10, 10, "TablePrefix")]
    [InlineData("Data Source=x.db", "1abc", 10, 10, "TablePrefix")]
    [InlineData("Data Source=x.db", "asv_", 0, 10, "BatchSize")]
    [InlineData("Data Source=x.db", "asv_", 10, -1, "QueueSize")]
    public void Invalid_options_are_refused_naming_the_setting(string connectionString, string prefix, int batch, int queue, string setting)
    {
        var options = new SqlPersistenceOptions { ConnectionString = connectionString, TablePrefix = prefix, BatchSize = batch, QueueSize = queue };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith($"SqlPersistenceOptions.{setting}", error.Message);
    }

    [Fact]
    public void Sqlite_synchronous_defaults_to_full_and_normal_is_accepted_for_sqlite()
    {
        Assert.Equal(SqliteSynchronous.Full, SqlPersistenceOptions.ForSqliteFile("x.db").SqliteSynchronous);
        Assert.Equal(SqliteSynchronous.Full, new SqlPersistenceOptions().SqliteSynchronous);

        (SqlPersistenceOptions.ForSqliteFile("x.db") with { SqliteSynchronous = SqliteSynchronous.Normal }).Validate();
    }

    [Fact]
    public void Sqlite_synchronous_normal_is_refused_for_postgres_naming_the_setting()
    {
        var options = SqlPersistenceOptions.ForPostgreSql("Host=db") with { SqliteSynchronous = SqliteSynchronous.Normal };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("SqlPersistenceOptions.SqliteSynchronous", error.Message);
        Assert.Contains("SQLite only", error.Message);
    }

    [Fact]
    public void An_undefined_sqlite_synchronous_value_is_refused()
    {
        var options = SqlPersistenceOptions.ForSqliteFile("x.db") with { SqliteSynchronous = (SqliteSynchronous)7 };

        Assert.StartsWith("SqlPersistenceOptions.SqliteSynchronous", Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public async Task Opening_with_invalid_options_fails_before_touching_a_database()
    {
        var options = SqlPersistenceOptions.ForSqliteFile("/nonexistent/dir/journal.db") with { BatchSize = 0 };

        await Assert.ThrowsAsync<ArgumentException>(() => SqlPersistence.OpenAsync(options, new()));
    }
}
