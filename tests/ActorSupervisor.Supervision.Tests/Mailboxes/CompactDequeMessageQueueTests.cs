using ActorSupervisor.Supervision.Mailboxes;
using Akka.Actor;
using Akka.Dispatch.MessageQueues;

namespace ActorSupervisor.Supervision.Tests.Mailboxes;

/// <summary>The compact deque on its own: order, put-back order, many producers with one consumer, clean-up.</summary>
public sealed class CompactDequeMessageQueueTests
{
    private static Envelope Env(object message) => new(message, ActorRefs.NoSender);

    private static List<object> Drain(IMessageQueue queue)
    {
        var taken = new List<object>();
        while (queue.TryDequeue(out var envelope)) taken.Add(envelope.Message);
        return taken;
    }

    [Fact]
    public void An_empty_queue_holds_no_array_and_has_nothing_to_dequeue()
    {
        var queue = new CompactDequeMessageQueue();
        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.Capacity);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void Messages_come_out_in_the_order_they_went_in_across_growth()
    {
        var queue = new CompactDequeMessageQueue();
        for (var i = 0; i < 100; i++) queue.Enqueue(ActorRefs.Nobody, Env(i));
        Assert.Equal(100, queue.Count);
        Assert.True(queue.HasMessages);
        Assert.Equal(Enumerable.Range(0, 100).Cast<object>(), Drain(queue));
    }

    [Fact]
    public void Put_back_messages_come_out_before_the_rest_the_last_put_back_first()
    {
        var queue = new CompactDequeMessageQueue();
        queue.Enqueue(ActorRefs.Nobody, Env("a"));
        queue.Enqueue(ActorRefs.Nobody, Env("b"));
        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal("a", first.Message);
        // What the stash's UnstashAll does with stashed s1, s2, s3: puts them back newest first.
        queue.EnqueueFirst(Env("s3"));
        queue.EnqueueFirst(Env("s2"));
        queue.EnqueueFirst(Env("s1"));
        queue.Enqueue(ActorRefs.Nobody, Env("c"));
        Assert.Equal(new object[] { "s1", "s2", "s3", "b", "c" }, Drain(queue));
    }

    [Fact]
    public void Put_back_into_a_wrapped_full_ring_keeps_the_order()
    {
        var queue = new CompactDequeMessageQueue();
        for (var i = 0; i < 4; i++) queue.Enqueue(ActorRefs.Nobody, Env(i));
        queue.TryDequeue(out _);
        queue.TryDequeue(out _);
        queue.Enqueue(ActorRefs.Nobody, Env(4));
        queue.Enqueue(ActorRefs.Nobody, Env(5)); // the ring is full and wraps round its end
        queue.EnqueueFirst(Env("x")); // grows while wrapped
        queue.EnqueueFirst(Env("w"));
        Assert.Equal(new object[] { "w", "x", 2, 3, 4, 5 }, Drain(queue));
    }

    [Fact]
    public void A_drained_queue_lets_go_of_the_array_a_burst_grew()
    {
        var queue = new CompactDequeMessageQueue();
        for (var i = 0; i < 1000; i++) queue.Enqueue(ActorRefs.Nobody, Env(i));
        Assert.True(queue.Capacity >= 1000);
        Assert.Equal(1000, Drain(queue).Count);
        Assert.Equal(0, queue.Capacity);
        queue.Enqueue(ActorRefs.Nobody, Env("again"));
        Assert.True(queue.TryDequeue(out var again));
        Assert.Equal("again", again.Message);
    }

    [Fact]
    public void Many_producers_and_one_consumer_lose_and_duplicate_nothing()
    {
        const int producers = 4, perProducer = 50_000;
        var queue = new CompactDequeMessageQueue();
        var seen = new int[producers * perProducer];
        var next = new int[producers]; // each producer's messages arrive in that producer's order
        using var start = new Barrier(producers + 1);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++) queue.Enqueue(ActorRefs.Nobody, Env(p * perProducer + i));
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();

        var taken = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (taken < seen.Length)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {taken} of {seen.Length} messages came out");
            // The consumer also puts messages back, as the stash does, while the producers go on.
            if (!queue.TryDequeue(out var envelope))
            {
                Thread.Yield();
                continue;
            }

            var n = (int)envelope.Message;
            if (n % 1000 == 7 && seen[n] == 0)
            {
                seen[n] = -1;
                queue.EnqueueFirst(envelope);
                Assert.True(queue.TryDequeue(out var back));
                Assert.Equal(n, (int)back.Message);
                seen[n] = 0;
            }

            seen[n]++;
            var producer = n / perProducer;
            Assert.Equal(next[producer], n % perProducer);
            next[producer]++;
            taken++;
        }

        threads.ForEach(t => t.Join());
        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Clean_up_sends_every_leftover_to_dead_letters_in_order()
    {
        var queue = new CompactDequeMessageQueue();
        queue.Enqueue(ActorRefs.Nobody, Env("b"));
        queue.EnqueueFirst(Env("a"));
        queue.Enqueue(ActorRefs.Nobody, Env("c"));
        var deadLetters = new CompactDequeMessageQueue();

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Capacity);
        Assert.Equal(new object[] { "a", "b", "c" }, Drain(deadLetters));
    }
}
