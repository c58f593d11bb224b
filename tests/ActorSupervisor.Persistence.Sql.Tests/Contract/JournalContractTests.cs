using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Persistence.Sql.Journal;
using ActorSupervisor.Persistence.Sql.Serialization;
using ActorSupervisor.Persistence.Sql.Tests.Support;
using static ActorSupervisor.Persistence.Sql.Tests.Support.Events;

namespace ActorSupervisor.Persistence.Sql.Tests.Contract;

/// <summary>
/// The journal contract (after Akka.Persistence.TCK's JournalSpec), run against every dialect by a subclass that
/// supplies a fresh, real database per test.
/// </summary>
public abstract partial class JournalContractTests : IAsyncLifetime
{
    private readonly List<SqlPersistence> _opened = [];

    protected SqlPersistenceOptions Options { get; private set; } = null!;

    protected SqlPersistence Store { get; private set; } = null!;

    protected SqlJournal Journal => Store.Journal;

    /// <summary>Options for an empty database of this dialect.</summary>
    protected abstract SqlPersistenceOptions NewDatabase();

    /// <summary>Runs raw SQL against the database of <paramref name="options"/> (to inspect or corrupt rows); returns the first value.</summary>
    protected abstract Task<object?> ExecuteRawAsync(SqlPersistenceOptions options, string sql);

    public async Task InitializeAsync()
    {
        Options = NewDatabase();
        Store = await OpenAsync(Options);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }

    /// <summary>Another node (or a restarted one) on the same database.</summary>
    protected async Task<SqlPersistence> OpenAsync(SqlPersistenceOptions options, EventTypeRegistry? registry = null)
    {
        var store = await SqlPersistence.OpenAsync(options, registry ?? TestRegistry.Create());
        _opened.Add(store);
        return store;
    }

    [Fact]
    public async Task Written_events_replay_in_order_with_payload_writer_timestamp_and_tags()
    {
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("cart-1", 1, 3, "writer-a", "cart", "eu")]));
        AssertAllSucceeded(await Journal.WriteMessagesAsync([new AtomicWrite([Repr("cart-1", 4, new ItemRemoved("item-1"))])]));

        var replayed = await ReplayAllAsync(Journal, "cart-1");

        Assert.Equal([1L, 2, 3, 4], replayed.Select(r => r.SequenceNr));
        Assert.Equal(new ItemAdded("item-2", 2), replayed[1].Payload);
        Assert.Equal(new ItemRemoved("item-1"), replayed[3].Payload);
        Assert.Equal("writer-a", replayed[0].WriterId);
        Assert.Equal(Epoch.AddSeconds(3), replayed[2].Timestamp);
        Assert.Equal(["cart", "eu"], replayed[0].Tags);
        Assert.Empty(replayed[3].Tags);
    }

    [Fact]
    public async Task Replay_honours_from_to_and_max()
    {
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("p", 1, 10)]));

        var window = new List<long>();
        await Journal.ReplayMessagesAsync("p", 3, 8, 4, r => window.Add(r.SequenceNr));
        var none = new List<long>();
        await Journal.ReplayMessagesAsync("p", 11, long.MaxValue, long.MaxValue, r => none.Add(r.SequenceNr));

        Assert.Equal([3L, 4, 5, 6], window);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Highest_sequence_number_is_zero_for_an_unknown_id_and_survives_deleting_everything()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody", 0));
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("p", 1, 5)]));

        await Journal.DeleteMessagesToAsync("p", 3);
        var afterPartialDelete = await ReplayAllAsync(Journal, "p");
        await Journal.DeleteMessagesToAsync("p", long.MaxValue);

        Assert.Equal([4L, 5], afterPartialDelete.Select(r => r.SequenceNr));
        Assert.Empty(await ReplayAllAsync(Journal, "p"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("p", 0));
        var restarted = await OpenAsync(Options);
        Assert.Equal(5, await restarted.Journal.ReadHighestSequenceNrAsync("p", 0));
    }

    [Fact]
    public async Task Hundred_concurrent_writers_are_all_durable_and_each_keeps_its_order()
    {
        const int writers = 100, writesEach = 20;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var seq = 1; seq <= writesEach; seq++)
                AssertAllSucceeded(await Journal.WriteMessagesAsync([Write($"actor-{w}", seq, seq)]));
        })));

        for (var w = 0; w < writers; w++)
            Assert.Equal(Enumerable.Range(1, writesEach).Select(i => (long)i), (await ReplayAllAsync(Journal, $"actor-{w}")).Select(r => r.SequenceNr));
        var global = await Store.Query.ReadAllAsync(0, max: writers * writesEach + 1);
        Assert.Equal(writers * writesEach, global.Count);
        Assert.All(global.GroupBy(e => e.PersistenceId), g => Assert.Equal(g.Select(e => e.SequenceNr).Order(), g.Select(e => e.SequenceNr)));
    }

    [Fact]
    public async Task Random_writes_stale_writes_and_deletes_agree_with_a_model()
    {
        var random = new Random(20261121);
        var highest = new Dictionary<string, long>();
        var deletedTo = new Dictionary<string, long>();
        for (var op = 0; op < 150; op++)
        {
            var pid = $"model-{random.Next(4)}";
            var top = highest.GetValueOrDefault(pid);
            if (random.Next(10) < 7)
            {
                // One write in five is stale: a second incarnation that has not seen the latest events.
                var from = random.Next(5) == 0 ? Math.Max(1, top - random.Next(2)) : top + 1;
                var to = from + random.Next(4);
                var result = (await Journal.WriteMessagesAsync([Write(pid, from, to)]))[0];
                if (from <= top) Assert.IsType<JournalConcurrencyException>(result);
                else
                {
                    Assert.Null(result);
                    highest[pid] = to;
                }
            }
            else
            {
                var upTo = random.NextInt64(top + 2);
                await Journal.DeleteMessagesToAsync(pid, upTo);
                deletedTo[pid] = Math.Max(deletedTo.GetValueOrDefault(pid), upTo);
            }
        }

        foreach (var (pid, top) in highest)
        {
            var firstKept = Math.Min(deletedTo.GetValueOrDefault(pid), top) + 1;
            Assert.Equal(Enumerable.Range((int)firstKept, (int)(top - firstKept + 1)).Select(i => (long)i), (await ReplayAllAsync(Journal, pid)).Select(r => r.SequenceNr));
            Assert.Equal(top, await Journal.ReadHighestSequenceNrAsync(pid, 0));
        }
    }

    [Fact]
    public async Task Tiny_batches_and_a_full_queue_make_writers_wait_not_fail()
    {
        var tight = await OpenAsync(Options with { BatchSize = 3, QueueSize = 2 });

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(w => tight.Journal.WriteMessagesAsync([Write($"tight-{w}", 1, 2)])));

        Assert.All(results, AssertAllSucceeded);
        Assert.Equal(80, (await tight.Query.ReadAllAsync(0, max: 100)).Count);
    }

    [Fact]
    public async Task Disposing_commits_queued_writes_and_refuses_new_ones()
    {
        var node = await SqlPersistence.OpenAsync(Options, TestRegistry.Create());
        var queued = Enumerable.Range(0, 20).Select(w => node.Journal.WriteMessagesAsync([Write($"drain-{w}", 1, 1)])).ToList();

        await node.DisposeAsync();

        Assert.All(await Task.WhenAll(queued), AssertAllSucceeded);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => node.Journal.WriteMessagesAsync([Write("late", 1, 1)]));
        Assert.Equal(20, (await Store.Query.ReadAllAsync(0)).Count);
    }

    [Fact]
    public async Task A_multi_event_atomic_write_is_stored_whole()
    {
        var results = await Journal.WriteMessagesAsync([Write("p", 1, 50)]);

        AssertAllSucceeded(results);
        Assert.Equal(50, (await ReplayAllAsync(Journal, "p")).Count);
    }

    [Fact]
    public async Task Two_nodes_writing_the_same_sequence_numbers_exactly_one_wins()
    {
        var other = await OpenAsync(Options);
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("split", 1, 2, "old")]));

        var attempts = await Task.WhenAll(
            Journal.WriteMessagesAsync([Write("split", 3, 5, "node-a")]),
            other.Journal.WriteMessagesAsync([Write("split", 3, 5, "node-b")]));

        var outcomes = attempts.Select(r => r[0]).ToList();
        Assert.Single(outcomes, o => o is null);
        var conflict = Assert.IsType<JournalConcurrencyException>(Assert.Single(outcomes, o => o is not null));
        Assert.Equal("split", conflict.PersistenceId);
        Assert.Equal(3, conflict.SequenceNr);
        Assert.Contains("'split'", conflict.Message);
        Assert.Contains("sequence number 3", conflict.Message);
        var winner = conflict.WriterId == "node-a" ? "node-b" : "node-a";
        var replayed = await ReplayAllAsync(Journal, "split");
        Assert.Equal([1L, 2, 3, 4, 5], replayed.Select(r => r.SequenceNr));
        Assert.All(replayed.Skip(2), r => Assert.Equal(winner, r.WriterId));
    }

    [Fact]
    public async Task A_rejected_write_fails_alone_and_leaves_none_of_its_events()
    {
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("taken", 1, 3, "first")]));

        // One call, so one batch: the overlapping write (3..5 where 3 exists) must not leave 4 and 5 behind.
        var results = await Journal.WriteMessagesAsync([Write("fine-a", 1, 2), Write("taken", 3, 5, "second"), Write("fine-b", 1, 1)]);

        Assert.Null(results[0]);
        Assert.IsType<JournalConcurrencyException>(results[1]);
        Assert.Null(results[2]);
        Assert.Equal([1L, 2, 3], (await ReplayAllAsync(Journal, "taken")).Select(r => r.SequenceNr));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("taken", 0));
        Assert.Equal(2, (await ReplayAllAsync(Journal, "fine-a")).Count);
        Assert.Single(await ReplayAllAsync(Journal, "fine-b"));
    }

    [Fact]
    public async Task Two_writes_of_one_batch_claiming_the_same_sequence_number_the_first_wins()
    {
        var results = await Journal.WriteMessagesAsync([Write("twin", 1, 2, "first"), Write("twin", 2, 3, "second")]);

        Assert.Null(results[0]);
        var conflict = Assert.IsType<JournalConcurrencyException>(results[1]);
        Assert.Equal(2, conflict.SequenceNr);
        Assert.All(await ReplayAllAsync(Journal, "twin"), r => Assert.Equal("first", r.WriterId));
    }

    [Fact]
    public async Task Malformed_writes_are_rejected_alone_with_the_reason()
    {
        AtomicWrite[] writes =
        [
            new([Repr("gap", 1), Repr("gap", 3)]),
            new([Repr("mixed", 1), Repr("other", 2)]),
            new([Repr("zero", 0)]),
            new([Repr("bad-tag", 1, tags: "a;b")]),
            Write("good", 1, 1),
        ];

        var results = await Journal.WriteMessagesAsync(writes);

        Assert.Contains("consecutive", Assert.IsType<ArgumentException>(results[0]).Message);
        Assert.Contains("one persistence id", Assert.IsType<ArgumentException>(results[1]).Message);
        Assert.Contains("sequence number 0", Assert.IsType<ArgumentException>(results[2]).Message);
        Assert.Contains("must not contain ';'", Assert.IsType<ArgumentException>(results[3]).Message);
        Assert.Null(results[4]);
        Assert.Empty(await ReplayAllAsync(Journal, "gap"));
        Assert.Single(await Store.Query.ReadAllAsync(0));
    }

    [Fact]
    public async Task An_event_of_an_unregistered_type_is_rejected_naming_type_id_and_sequence_number()
    {
        var results = await Journal.WriteMessagesAsync([new AtomicWrite([Repr("p", 1, new Uri("http://x"))]), Write("q", 1, 1)]);

        var error = Assert.IsType<JournalSerializationException>(results[0]);
        Assert.Contains("System.Uri", error.Message);
        Assert.Contains("'p'", error.Message);
        Assert.Contains("sequence number 1", error.Message);
        Assert.Null(results[1]);
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("p", 0));
    }

    [Fact]
    public async Task Replaying_an_unknown_manifest_fails_naming_persistence_id_and_sequence_number()
    {
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("known", 1, 1), new AtomicWrite([Repr("known", 2, new ItemRemoved("x"))])]));
        var registryWithoutRemoved = new EventTypeRegistry().Register("item-added.v2", TestJson.Default.ItemAdded);
        var olderNode = await OpenAsync(Options, registryWithoutRemoved);

        var error = await Assert.ThrowsAsync<JournalSerializationException>(() => ReplayAllAsync(olderNode.Journal, "known"));

        Assert.Equal(("known", 2L), (error.PersistenceId, error.SequenceNr));
        Assert.Contains("unknown manifest 'item-removed.v1'", error.Message);
        Assert.Contains("Persistence id 'known', sequence number 2", error.Message);
    }

    [Fact]
    public async Task Replaying_a_corrupted_payload_fails_naming_persistence_id_and_sequence_number()
    {
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("corrupt", 1, 3)]));
        await ExecuteRawAsync(Options, $"UPDATE {Options.TablePrefix}journal SET manifest = 'item-added.v2', payload = {CorruptBytesLiteral} WHERE sequence_nr = 2");

        var error = await Assert.ThrowsAsync<JournalSerializationException>(() => ReplayAllAsync(Journal, "corrupt"));
        var queryError = await Assert.ThrowsAsync<JournalSerializationException>(() => Store.Query.ReadAllAsync(0));

        Assert.Equal(("corrupt", 2L), (error.PersistenceId, error.SequenceNr));
        Assert.Contains("does not match manifest 'item-added.v2'", error.Message);
        Assert.Equal(2, queryError.SequenceNr);
    }

    /// <summary>A SQL literal of bytes that are not JSON, in this dialect's syntax.</summary>
    protected abstract string CorruptBytesLiteral { get; }

    [Fact]
    public async Task Events_of_a_retired_manifest_are_upcast_on_replay()
    {
        var oldNode = await OpenAsync(Options, TestRegistry.CreateV1());
        AssertAllSucceeded(await oldNode.Journal.WriteMessagesAsync([new AtomicWrite([Repr("legacy", 1, new ItemAddedV1("lamp"))])]));

        var replayed = await ReplayAllAsync(Journal, "legacy");

        Assert.Equal(new ItemAdded("lamp", 1), Assert.Single(replayed).Payload);
    }

    [Fact]
    public async Task Bulk_replay_returns_each_range_from_its_sequence_number()
    {
        for (var i = 0; i < 30; i++) AssertAllSucceeded(await Journal.WriteMessagesAsync([Write($"bulk-{i}", 1, 5)]));
        await Journal.DeleteMessagesToAsync("bulk-0", 4);

        var replayed = new List<PersistentRepr>();
        var ranges = Enumerable.Range(0, 30).Select(i => new ReplayRange($"bulk-{i}", i % 5 + 1)).Append(new ReplayRange("absent", 1)).ToList();
        await Journal.ReplayManyAsync(ranges, replayed.Add, chunkSize: 7);

        var byId = replayed.GroupBy(r => r.PersistenceId).ToDictionary(g => g.Key, g => g.Select(r => r.SequenceNr).ToList());
        Assert.Equal([5L], byId["bulk-0"]);
        Assert.Equal([2L, 3, 4, 5], byId["bulk-1"]);
        Assert.Equal([5L], byId["bulk-29"]);
        Assert.False(byId.ContainsKey("absent"));
        Assert.Equal(Enumerable.Range(0, 30).Sum(i => 5 - i % 5) - 4, replayed.Count);
    }

    [Fact]
    public async Task Nodes_starting_at_once_migrate_the_schema_once()
    {
        var fresh = NewDatabase();

        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => OpenAsync(fresh))));

        AssertAllSucceeded(await stores[3].Journal.WriteMessagesAsync([Write("p", 1, 1)]));
        Assert.Single(await stores[5].Query.ReadAllAsync(0));
        Assert.Equal(1L, Convert.ToInt64(await ExecuteRawAsync(fresh, $"SELECT COUNT(*) FROM {fresh.TablePrefix}schema_version")));
    }
}
