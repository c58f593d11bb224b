using ActorSupervisor.Persistence.Sql.Query;
using ActorSupervisor.Persistence.Sql.Tests.Support;
using static ActorSupervisor.Persistence.Sql.Tests.Support.Events;

namespace ActorSupervisor.Persistence.Sql.Tests.Contract;

public abstract partial class JournalContractTests
{
    private static readonly TimeSpan FeedDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_global_log_reads_in_offset_order_from_an_offset_and_by_tag()
    {
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("a", 1, 2, tags: "red")]));
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("b", 1, 2, tags: ["blue", "reddish"])]));
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("a", 3, 3, tags: ["blue", "red"])]));

        var all = await Store.Query.ReadAllAsync(0);
        var afterSecond = await Store.Query.ReadAllAsync(all[1].Offset, max: 2);
        var red = await Store.Query.ReadAllAsync(0, "red");

        Assert.Equal(["a1", "a2", "b1", "b2", "a3"], all.Select(e => $"{e.PersistenceId}{e.SequenceNr}"));
        Assert.Equal(all.Select(e => e.Offset).Order(), all.Select(e => e.Offset));
        Assert.Equal(all.Skip(2).Take(2).Select(e => e.Offset), afterSecond.Select(e => e.Offset));
        Assert.Equal(["a1", "a2", "a3"], red.Select(e => $"{e.PersistenceId}{e.SequenceNr}"));
        Assert.Equal(all[^1].Offset, await Store.Query.ReadHighestOffsetAsync());
        Assert.Equal(new ItemAdded("item-3", 3), all[^1].Event);
    }

    [Fact]
    public async Task One_actors_events_read_from_a_sequence_number()
    {
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("a", 1, 5)]));
        await Journal.DeleteMessagesToAsync("a", 1);

        var events = await Store.Query.ReadEventsAsync("a", 2, max: 3);

        Assert.Equal([2L, 3, 4], events.Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task The_live_feed_delivers_past_then_new_events_of_this_node_and_of_another()
    {
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("past", 1, 2)]));
        var otherNode = await OpenAsync(Options);
        using var cancel = new CancellationTokenSource(FeedDeadline);
        var received = new List<EventEnvelope>();
        var firstTwo = new TaskCompletionSource();
        var feed = Task.Run(async () =>
        {
            await foreach (var envelope in Store.Query.SubscribeAsync(0, cancellationToken: cancel.Token))
            {
                lock (received) received.Add(envelope);
                if (received.Count == 2) firstTwo.TrySetResult();
                if (received.Count == 5) return;
            }
        });

        await firstTwo.Task.WaitAsync(cancel.Token);
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("live", 1, 2)]));
        AssertAllSucceeded(await otherNode.Journal.WriteMessagesAsync([Write("remote", 1, 1)]));
        await feed.WaitAsync(cancel.Token);

        Assert.Equal(["past1", "past2", "live1", "live2", "remote1"], received.Select(e => $"{e.PersistenceId}{e.SequenceNr}"));
    }

    [Fact]
    public async Task The_live_feed_misses_nothing_while_two_nodes_write_concurrently()
    {
        const int writersPerNode = 10, eventsEach = 15, total = 2 * writersPerNode * eventsEach;
        var otherNode = await OpenAsync(Options);
        using var cancel = new CancellationTokenSource(FeedDeadline);
        var received = new List<EventEnvelope>();
        var feed = Task.Run(async () =>
        {
            await foreach (var envelope in Store.Query.SubscribeAsync(0, cancellationToken: cancel.Token))
            {
                received.Add(envelope);
                if (received.Count == total) return;
            }
        });

        await Task.WhenAll(new[] { Store, otherNode }.SelectMany((node, n) => Enumerable.Range(0, writersPerNode).Select(w => Task.Run(async () =>
        {
            for (var seq = 1; seq <= eventsEach; seq++)
                AssertAllSucceeded(await node.Journal.WriteMessagesAsync([Write($"node{n}-writer{w}", seq, seq)]));
        }))));
        await feed.WaitAsync(cancel.Token);

        Assert.Equal(total, received.Select(e => (e.PersistenceId, e.SequenceNr)).Distinct().Count());
        Assert.Equal(received.Select(e => e.Offset).Order(), received.Select(e => e.Offset));
    }

    [Fact]
    public async Task The_live_feed_by_tag_skips_other_events_and_ends_on_cancellation()
    {
        using var cancel = new CancellationTokenSource(FeedDeadline);
        var tagged = new TaskCompletionSource<EventEnvelope>();
        using var stopFeed = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        var feed = Task.Run(async () =>
        {
            await foreach (var envelope in Store.Query.SubscribeAsync(0, "wanted", stopFeed.Token)) tagged.TrySetResult(envelope);
        });

        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("x", 1, 3)]));
        AssertAllSucceeded(await Journal.WriteMessagesAsync([Write("y", 1, 1, tags: "wanted")]));
        var first = await tagged.Task.WaitAsync(cancel.Token);
        stopFeed.Cancel();

        Assert.Equal(("y", 1L), (first.PersistenceId, first.SequenceNr));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feed);
    }
}
