using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Supervision.Serialization;

namespace ActorSupervisor.Persistence.Tests;

public sealed class StoreSettingsTests
{
    [Fact]
    public void Normal_synchronous_is_refused_for_postgresql()
    {
        var settings = StoreSettings.ForPostgreSql("Host=localhost;Database=x") with { SqliteSynchronous = SqliteSynchronous.Normal };
        var error = Assert.Throws<ArgumentException>(() => settings.Validate());
        Assert.Contains("does not apply to PostgreSQL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite, "", "needs a connection string")]
    [InlineData(StoreKind.Sqlite, "Data Source=:memory:", "in-memory")]
    [InlineData(StoreKind.Sqlite, "Data Source=/tmp/x.db;Mode=ReadOnly", "read-only")]
    [InlineData(StoreKind.Sqlite, "Bogus Key=1", "malformed")]
    [InlineData(StoreKind.PostgreSql, "Database=x", "no Host")]
    [InlineData(StoreKind.PostgreSql, "Hots=x", "malformed")]
    [InlineData((StoreKind)7, "x", "Store kind 7 is unknown")]
    public void Bad_settings_give_clear_errors(StoreKind kind, string connectionString, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new StoreSettings(kind, connectionString).ToConfig());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_names_the_plugin_classes_providers_tables_and_serializer()
    {
        var config = StoreSettings.ForSqliteFile("/tmp/asv/store.db").ToConfig();

        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.sql", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.StartsWith("Akka.Persistence.Sql.Journal.SqlWriteJournal", config.GetString("akka.persistence.journal.sql.class"), StringComparison.Ordinal);
        Assert.StartsWith("Akka.Persistence.Sql.Snapshot.SqlSnapshotStore", config.GetString("akka.persistence.snapshot-store.sql.class"), StringComparison.Ordinal);
        Assert.StartsWith("Akka.Persistence.Sql.Query.SqlReadJournalProvider", config.GetString("akka.persistence.query.journal.sql.class"), StringComparison.Ordinal);
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("Data Source=/tmp/asv/store.db;Mode=ReadWriteCreate;Pooling=True", config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(StoreTables.Journal, config.GetString("akka.persistence.journal.sql.default.journal.table-name"));
        Assert.Equal(StoreTables.Journal, config.GetString("akka.persistence.query.journal.sql.default.journal.table-name"));
        Assert.Equal(StoreTables.Tags, config.GetString("akka.persistence.query.journal.sql.default.tag.table-name"));
        Assert.Equal("ordering", config.GetString("akka.persistence.query.journal.sql.default.journal.columns.ordering"));
        Assert.Equal(StoreTables.Snapshot, config.GetString("akka.persistence.snapshot-store.sql.default.snapshot.table-name"));
        Assert.Equal("TagTable", config.GetString("akka.persistence.journal.sql.tag-write-mode"));
        // After a database outage the plugins try again within 2 s, not Akka's 30 s (journal) and 60 s (snapshots).
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.persistence.journal.sql.circuit-breaker.reset-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.persistence.snapshot-store.sql.circuit-breaker.reset-timeout"));
        Assert.True(config.GetBoolean("akka.persistence.journal.sql.auto-initialize"));
        Assert.Equal(ContainerSerialization.SerializerName,
            config.GetString("akka.actor.serialization-bindings.\"ActorSupervisor.Containers.Domain.Lifecycle.ContainerEvent, ActorSupervisor.Containers\""));
        Assert.Equal("PostgreSQL.15", StoreSettings.ForPostgreSql("Host=h").ProviderName);
    }

    [Fact]
    public void The_journal_writes_one_transaction_at_a_time_on_sqlite_and_keeps_the_plugins_three_on_postgresql()
    {
        Assert.Equal(1, StoreSettings.ForSqliteFile("/tmp/asv/store.db").ToConfig().GetInt("akka.persistence.journal.sql.parallelism"));
        Assert.Equal(3, StoreSettings.ForPostgreSql("Host=h").ToConfig().GetInt("akka.persistence.journal.sql.parallelism"));
    }

    [Fact]
    public void A_connection_string_with_quotes_survives_the_hocon()
    {
        var settings = StoreSettings.ForPostgreSql("Host=h;Password='a\"b\\c';Database=d");
        Assert.Equal(settings.ConnectionString, settings.ToConfig().GetString("akka.persistence.journal.sql.connection-string"));
    }

    [Theory]
    [InlineData("container-web", "web")]
    [InlineData("shard-3", null)]
    [InlineData("container-", null)]
    public void Container_persistence_ids(string persistenceId, string? containerId)
    {
        Assert.Equal(containerId, ContainerPersistenceIds.ContainerIdOf(persistenceId));
        if (containerId is not null) Assert.Equal(persistenceId, ContainerPersistenceIds.Of(containerId));
    }
}
