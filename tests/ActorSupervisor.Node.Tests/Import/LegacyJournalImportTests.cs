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
        AssertStoreRowsEqual(old, Path.Combine(_data, NodeLifecycle.StoreFileName));

        await using (var again = new NodeFactory(dataDirectory: _data))
        {
            var client = await again.ReadyClientAsync();
            Assert.Null(LifecycleOf(again).LastImport);
            await AssertSameContainersAsync(client, expected);
            foreach (var (persistenceId, events) in old)
                await AssertSameHistoryAsync(client, persistenceId["container-".Length..], events);
        }
        AssertStoreRowsEqual(old, Path.Combine(_data, NodeLifecycle.StoreFileName));
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
        var store = Supervision.Persistence.StoreSettings.ForSqliteFile(Path.Combine(_data, NodeLifecycle.StoreFileName));
        var import = new LegacyJournalImport(store, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var refusal = await Assert.ThrowsAsync<LegacyJournalImportException>(() => import.RunAsync(_data, defaultFile: true, CancellationToken.None));

        output.WriteLine(refusal.Message);
        Assert.Contains(journal, refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"mv '{journal}' '{journal}.imported'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("move the store aside", refusal.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(journal), "the refused journal stays where it was");
        Assert.Equal(1, CountContainerRows(Path.Combine(_data, NodeLifecycle.StoreFileName)));
        Assert.Equal(0, CountImportedRows(Path.Combine(_data, NodeLifecycle.StoreFileName)));
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
