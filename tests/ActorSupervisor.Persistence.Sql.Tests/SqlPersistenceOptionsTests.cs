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
    public async Task Opening_with_invalid_options_fails_before_touching_a_database()
    {
        var options = SqlPersistenceOptions.ForSqliteFile("/nonexistent/dir/journal.db") with { BatchSize = 0 };

        await Assert.ThrowsAsync<ArgumentException>(() => SqlPersistence.OpenAsync(options, new()));
    }
}
