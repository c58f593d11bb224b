using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Node.Hosting.Import;
using ActorSupervisor.Node.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ActorSupervisor.Node.Tests.Import;

/// <summary>
/// A data directory written by the previous release (Fixtures/journal-346d962.db, made by the node of commit
/// 346d962 with Fixtures/journal-346d962.make.sh) is imported on the first start: same containers, same states,
/// same histories; the old file is marked imported and a second start does not import again.
/// </summary>
public sealed class LegacyJournalImportTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private readonly string _data = Directory.CreateTempSubdirectory("asv-import-test-").FullName;

    [Fact]
    public async Task A_journal_of_the_previous_release_is_imported_once_with_every_container_and_its_history()
    {
        File.Copy(Path.Combine(Fixtures, "journal-346d962.db"), Path.Combine(_data, LegacyJournal.FileName));
        var old = ReadOldJournal(Path.Combine(_data, LegacyJournal.FileName));
        var expected = JsonSerializer.Deserialize<List<OldContainer>>(
            await File.ReadAllTextAsync(Path.Combine(Fixtures, "journal-346d962.containers.json")), JsonSerializerOptions.Web)!;
        Assert.Equal(6, old.Count);

        var watch = Stopwatch.StartNew();
        await using (var node = new NodeFactory(dataDirectory: _data))
        {
            var client = await node.ReadyClientAsync();
            output.WriteLine($"first start (import included) ready in {watch.Elapsed.TotalSeconds:0.00} s");
            var import = LifecycleOf(node).LastImport;
            Assert.NotNull(import);
            output.WriteLine($"import: {import}");
            Assert.Equal(6, import.Containers);
            Assert.Equal(old.Values.Sum(e => e.Count), import.Events);

            await AssertSameContainersAsync(client, expected);
            foreach (var (persistenceId, events) in old)
                await AssertSameHistoryAsync(client, persistenceId["container-".Length..], events);
        }

        Assert.False(File.Exists(Path.Combine(_data, LegacyJournal.FileName)));
        Assert.True(File.Exists(Path.Combine(_data, LegacyJournal.ImportedFileName)));
        AssertStoreRowsEqual(old, Path.Combine(_data, ActorSupervisor.Node.Security.NodeDataDirectory.SqliteStoreFile));

        await using (var again = new NodeFactory(dataDirectory: _data))
        {
            var client = await again.ReadyClientAsync();
            Assert.Null(LifecycleOf(again).LastImport);
            await AssertSameContainersAsync(client, expected);
            foreach (var (persistenceId, events) in old)
                await AssertSameHistoryAsync(client, persistenceId["container-".Length..], events);
        }
        AssertStoreRowsEqual(old, Path.Combine(_data, ActorSupervisor.Node.Security.NodeDataDirectory.SqliteStoreFile));
    }

    [Fact]
    public async Task An_old_journal_beside_a_store_that_already_has_containers_is_refused_with_the_commands_to_run()
    {
        await using (var node = new NodeFactory(dataDirectory: _data))
        {
            var client = await node.ReadyClientAsync();
            await client.CreateAsync("""{ "name": "newer", "command": ["sleep", "1"] }""");
        }
        var journal = Path.Combine(_data, LegacyJournal.FileName);
        File.Copy(Path.Combine(Fixtures, "journal-346d962.db"), journal);
        var store = Supervision.Persistence.StoreSettings.ForSqliteFile(Path.Combine(_data, ActorSupervisor.Node.Security.NodeDataDirectory.SqliteStoreFile));
        var import = new LegacyJournalImport(store, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var refusal = await Assert.ThrowsAsync<LegacyJournalImportException>(() => import.RunAsync(_data, defaultFile: true, CancellationToken.None));

        output.WriteLine(refusal.Message);
        Assert.Contains(journal, refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"mv '{journal}' '{journal}.imported'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("move the store aside", refusal.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(journal), "the refused journal stays where it was");
        Assert.Equal(1, CountContainerRows(Path.Combine(_data, ActorSupervisor.Node.Security.NodeDataDirectory.SqliteStoreFile)));
        Assert.Equal(0, CountImportedRows(Path.Combine(_data, ActorSupervisor.Node.Security.NodeDataDirectory.SqliteStoreFile)));
    }

    [Fact]
    public async Task Old_tables_in_the_PostgreSQL_store_database_are_imported_once_and_set_aside()
    {
        var server = Environment.GetEnvironmentVariable("ASV_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ASV_TEST_PG is not set: start a server with 'tests/services/postgres.sh start STATE' and export the line it prints.");
        var database = $"asv_import_{Guid.NewGuid():N}"[..27];
        await ExecutePgAsync(server, $"CREATE DATABASE {database}");
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            var fixture = Path.Combine(Fixtures, "journal-346d962.db");
            await WriteOldTablesAsync(connectionString, fixture);
            var old = ReadOldJournal(fixture);
            var expected = JsonSerializer.Deserialize<List<OldContainer>>(
                await File.ReadAllTextAsync(Path.Combine(Fixtures, "journal-346d962.containers.json")), JsonSerializerOptions.Web)!;
            var settings = new Dictionary<string, string>
            {
                ["actor-supervisor:node:store:kind"] = "postgres",
                ["actor-supervisor:node:store:connection-string"] = connectionString,
            };

            await using (var node = new NodeFactory(settings, _data))
            {
                var client = await node.ReadyClientAsync();
                var import = LifecycleOf(node).LastImport;
                output.WriteLine($"import: {import}");
                Assert.NotNull(import);
                Assert.Equal((6, old.Values.Sum(e => e.Count)), (import.Containers, import.Events));
                await AssertSameContainersAsync(client, expected);
                foreach (var (persistenceId, events) in old)
                    await AssertSameHistoryAsync(client, persistenceId["container-".Length..], events);
            }
            var tables = await PgTablesAsync(connectionString);
            Assert.Contains("asv_legacy_journal", tables);
            Assert.Contains("asv_legacy_snapshot", tables);
            Assert.DoesNotContain("asv_journal", tables);
            Assert.DoesNotContain("asv_schema_version", tables);

            await using (var again = new NodeFactory(settings, _data))
            {
                var client = await again.ReadyClientAsync();
                Assert.Null(LifecycleOf(again).LastImport);
                await AssertSameContainersAsync(client, expected);
            }
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ExecutePgAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    // The old release's PostgreSQL schema (346d962's JournalSchema with PostgresDialect, prefix asv_), filled with the fixture's rows.
    private static async Task WriteOldTablesAsync(string connectionString, string fixture)
    {
        await ExecutePgAsync(connectionString, """
            CREATE TABLE asv_schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied BIGINT NOT NULL);
            INSERT INTO asv_schema_version VALUES (1, 'journal and snapshot tables', 639320807468591514);
            CREATE TABLE asv_journal (
                ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL,
                manifest TEXT NOT NULL, payload BYTEA NOT NULL, created BIGINT NOT NULL, tags TEXT NOT NULL, writer_id TEXT NOT NULL,
                deleted BOOLEAN NOT NULL DEFAULT FALSE,
                CONSTRAINT asv_journal_persistence_id_sequence_nr UNIQUE (persistence_id, sequence_nr));
            CREATE TABLE asv_snapshot (
                persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL, created BIGINT NOT NULL, manifest TEXT NOT NULL,
                payload BYTEA NOT NULL, PRIMARY KEY (persistence_id, sequence_nr));
            """);
        await using var source = new SqliteConnection($"Data Source={fixture};Mode=ReadOnly;Pooling=False");
        source.Open();
        await using var read = source.CreateCommand();
        read.CommandText = "SELECT persistence_id, sequence_nr, manifest, payload, created, tags, writer_id, deleted FROM asv_journal ORDER BY ordering";
        await using var reader = await read.ExecuteReaderAsync();
        await using var target = new Npgsql.NpgsqlConnection(connectionString);
        await target.OpenAsync();
        while (await reader.ReadAsync())
        {
            await using var insert = new Npgsql.NpgsqlCommand(
                "INSERT INTO asv_journal (persistence_id, sequence_nr, manifest, payload, created, tags, writer_id, deleted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", target);
            for (var i = 0; i < 8; i++)
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = i == 7 ? reader.GetBoolean(i) : reader.GetValue(i) });
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecutePgAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> PgTablesAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private static NodeLifecycle LifecycleOf(NodeFactory node) =>
        node.Services.GetServices<IHostedService>().OfType<NodeLifecycle>().Single();

    private static async Task AssertSameContainersAsync(HttpClient client, List<OldContainer> expected)
    {
        var listed = (await client.GetFromJsonAsync(ApiRoutes.Containers + "?all=true", ApiJsonContext.Default.IReadOnlyListContainerSummary))!;
        Assert.Equal(expected.Select(c => c.Id).Order(), listed.Select(c => c.Id).Order());
        foreach (var want in expected)
        {
            var got = listed.Single(c => c.Id == want.Id);
            Assert.Equal((want.Name, want.State, want.RestartCount, want.ExitCode, want.Restart), (got.Name, got.State, got.RestartCount, got.ExitCode, got.Restart));
        }
    }

    // The history endpoint shows every event but health probes and policy restarts (EventNarrator), under Docker's
    // names; seq, time and order are the old ones.
    // A removed container (its last event destroy) has no history endpoint, in the old release as in this one:
    // its rows are checked in the store (AssertStoreRowsEqual).
    private async Task AssertSameHistoryAsync(HttpClient client, string containerId, List<OldEvent> events)
    {
        if (events[^1].Manifest == "container.destroy.v1")
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(ApiRoutes.Container(containerId, "history"))).StatusCode);
            return;
        }
        var history = (await client.GetFromJsonAsync(ApiRoutes.Container(containerId, "history"), ApiJsonContext.Default.IReadOnlyListContainerEvent))!;
        var shown = events.Where(e => !e.HiddenInHistory).ToList();
        output.WriteLine($"{containerId[..12]}: {string.Join(" ", history.Select(e => e.Type))}");
        Assert.Equal(shown.Select(e => (e.SequenceNr, Type: e.Manifest["container.".Length..^".v1".Length], e.At)),
            history.Select(e => (e.Seq, e.Type, e.Time)));
    }

    private static void AssertStoreRowsEqual(Dictionary<string, List<OldEvent>> old, string storeFile)
    {
        using var connection = new SqliteConnection($"Data Source={storeFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT persistence_id, sequence_number, manifest, created, identifier, message FROM asv_event_journal
            WHERE persistence_id LIKE 'container-%' ORDER BY ordering
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, string, long, int, string)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt32(4),
                System.Text.Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(5))));
        var expected = old.Values.SelectMany(e => e).OrderBy(e => e.Ordering)
            .Select(e => (e.PersistenceId, e.SequenceNr, e.Manifest, e.CreatedTicks, 4711, e.Payload)).ToList();
        Assert.Equal(expected, rows);
    }

    private static long CountContainerRows(string storeFile) =>
        Scalar(storeFile, "SELECT COUNT(*) FROM asv_event_journal WHERE persistence_id LIKE 'container-%'");

    private static long CountImportedRows(string storeFile) =>
        Scalar(storeFile, $"SELECT COUNT(*) FROM sqlite_master WHERE name = '{LegacyJournalImport.MarkerTable}'") == 0
            ? 0
            : Scalar(storeFile, $"SELECT COUNT(*) FROM {LegacyJournalImport.MarkerTable}");

    private static long Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    // Read with the old schema (346d962's JournalSchema): asv_journal(ordering, persistence_id, sequence_nr, manifest, payload, created, tags, writer_id, deleted).
    private static Dictionary<string, List<OldEvent>> ReadOldJournal(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ordering, persistence_id, sequence_nr, manifest, payload, created FROM asv_journal
            WHERE persistence_id LIKE 'container-%' AND NOT deleted ORDER BY persistence_id, sequence_nr
            """;
        using var reader = command.ExecuteReader();
        var events = new Dictionary<string, List<OldEvent>>();
        while (reader.Read())
        {
            var payload = System.Text.Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(4));
            var at = JsonDocument.Parse(payload).RootElement.GetProperty("at").GetDateTimeOffset();
            var e = new OldEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), payload, reader.GetInt64(5), at);
            (events.TryGetValue(e.PersistenceId, out var list) ? list : events[e.PersistenceId] = []).Add(e);
        }
        return events;
    }

    private sealed record OldEvent(long Ordering, string PersistenceId, long SequenceNr, string Manifest, string Payload, long CreatedTicks, DateTimeOffset At)
    {
        public bool HiddenInHistory => Manifest == "container.health_probe.v1"
            || (Manifest == "container.restart.v1" && JsonDocument.Parse(Payload).RootElement.GetProperty("byPolicy").GetBoolean());
    }

    private sealed record OldContainer(string Id, string Name, string State, int RestartCount, int? ExitCode, string Restart);
}
