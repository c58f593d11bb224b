using ActorSupervisor.Supervision.Persistence;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorSupervisor.Persistence.Tests;

public sealed class SqliteStoreTests(ITestOutputHelper output) : StoreContract(NewStore(), output)
{
    private static StoreSettings NewStore()
    {
        var dir = Directory.CreateTempSubdirectory("asv-persist-");
        return StoreSettings.ForSqliteFile(Path.Combine(dir.FullName, "store.db"), SqliteSynchronous.Normal);
    }

    [Fact]
    public async Task The_store_file_is_in_wal_mode_and_the_plugins_connections_use_the_synchronous_setting()
    {
        await WriteAsync("container-a", Events(1));

        var path = new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;
        await using (var file = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await file.OpenAsync();
            await using var command = file.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA synchronous";
            Assert.Equal(2L, (long?)await command.ExecuteScalarAsync()); // a bare connection keeps SQLite's FULL
        }

        // The options the plugins connect with (DataOptionsSetup) carry the interceptor.
        await using var normal = new DataConnection(Settings.ToDataOptions());
        Assert.Equal(1L, normal.Execute<long>("PRAGMA synchronous"));
        await using var full = new DataConnection((Settings with { SqliteSynchronous = SqliteSynchronous.Full }).ToDataOptions());
        Assert.Equal(2L, full.Execute<long>("PRAGMA synchronous"));
        Assert.Equal("wal", full.Execute<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_pooled_connection_taken_again_by_a_store_of_another_synchronous_level_gets_that_level()
    {
        await WriteAsync("container-p", Events(1));
        var normal = Settings.ToDataOptions();
        var full = (Settings with { SqliteSynchronous = SqliteSynchronous.Full }).ToDataOptions();

        // One connection at a time: each open takes the same handle back from the pool, which keeps its pragmas; the
        // interceptor sets the level once per handle and again whenever a store of the other level takes it.
        foreach (var (options, level) in new[] { (normal, 1L), (normal, 1L), (full, 2L), (full, 2L), (normal, 1L) })
        {
            await using var connection = new DataConnection(options);
            Assert.Equal(level, connection.Execute<long>("PRAGMA synchronous"));
        }
    }

    [Fact]
    public async Task Recovery_reads_while_another_connection_holds_the_write_lock()
    {
        var events = Events(3);
        await WriteAsync("container-r", events);
        var path = new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;
        await using var writer = new SqliteConnection($"Data Source={path};Pooling=false");
        await writer.OpenAsync();
        await using var locking = writer.CreateCommand();
        locking.CommandText = "BEGIN IMMEDIATE";
        await locking.ExecuteNonQueryAsync();

        // The plugin's reads begin deferred transactions: WAL readers need no lock (BEGIN IMMEDIATE would wait 30 s and fail).
        var recovered = await RecoverAsync("container-r");

        Assert.Equal(events.Count, recovered.Events.Count);
        locking.CommandText = "ROLLBACK";
        await locking.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_plugins_write_transactions_take_turns_and_reads_do_not_wait_for_them()
    {
        await WriteAsync("container-a", Events(1)); // creates the file and the tables
        // SQLite itself gives up on a held write lock after the connection's timeout (1 s here); a turn is waited for.
        var store = Settings with { ConnectionString = new SqliteConnectionStringBuilder(Settings.ConnectionString) { DefaultTimeout = 1 }.ConnectionString };
        await using var first = new DataConnection(store.ToDataOptions());
        await using var second = new DataConnection(store.ToDataOptions());
        await using var reader = new DataConnection(store.ToDataOptions());
        await first.BeginTransactionAsync(System.Data.IsolationLevel.Unspecified);

        var waiting = second.BeginTransactionAsync(System.Data.IsolationLevel.Unspecified);
        await reader.BeginTransactionAsync(System.Data.IsolationLevel.ReadUncommitted);
        Assert.Equal(1L, reader.Execute<long>($"SELECT COUNT(*) FROM {StoreTables.Journal}"));
        await reader.CommitTransactionAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(waiting.IsCompleted);

        await first.CommitTransactionAsync();
        await first.CloseAsync(); // the turn goes with the connection
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await second.CommitTransactionAsync();
    }

    [Fact]
    public async Task The_tables_carry_our_names_beside_the_old_journal()
    {
        await WriteAsync("container-a", Events(1));
        var path = new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;
        await using var file = new SqliteConnection($"Data Source={path};Pooling=false");
        await file.OpenAsync();
        await using var command = file.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.Contains(StoreTables.Journal, tables);
        Assert.Contains(StoreTables.Tags, tables);
        Assert.Contains(StoreTables.Snapshot, tables);
        Assert.DoesNotContain("journal", tables);
        Assert.DoesNotContain("snapshot", tables);
    }
}
