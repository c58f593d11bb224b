namespace ActorSupervisor.Actors.Internal;

/// <summary>
/// The user-message queue of a mailbox: many producers, one consumer, lock-free, one small node per
/// message and nothing else while empty. Producers swap themselves in as the head with one atomic
/// exchange and then link the previous head to themselves; the consumer walks from a stub node.
/// </summary>
/// <remarks>A mutable struct on purpose: it lives inline in its cell, so an idle mailbox costs one stub node.</remarks>
internal struct MpscQueue
{
    private Node _head; // the most recently enqueued node; producers swap it
    private Node _tail; // the stub: the last node the consumer took; its Next is the oldest message

    public MpscQueue()
    {
        _head = _tail = new Node(null!, null);
    }

    /// <summary>Adds a message; safe from any thread. Its exchange is a full fence.</summary>
    public void Enqueue(object message, IActorRef? sender)
    {
        var node = new Node(message, sender);
        var previous = Interlocked.Exchange(ref _head, node);
        Volatile.Write(ref previous.Next, node);
    }

    /// <summary>Takes the oldest message; only the consumer may call it.</summary>
    /// <remarks>A producer between its exchange and its link makes the queue look empty here for that moment; <see cref="HasMessages"/> still reports it.</remarks>
    public bool TryDequeue(out object message, out IActorRef? sender)
    {
        var next = Volatile.Read(ref _tail.Next);
        if (next is null)
        {
            message = null!;
            sender = null;
            return false;
        }
        message = next.Message;
        sender = next.Sender;
        next.Message = null!; // the node becomes the stub: drop references so the message can be collected
        next.Sender = null;
        _tail = next;
        return true;
    }

    /// <summary>
    /// Whether a producer has enqueued something the consumer has not taken, counting one still linking it.
    /// </summary>
    /// <remarks>
    /// Reading the head (which producers swap with a full fence) rather than the link closes the lost wake-up
    /// race: a producer's later read of the scheduled flag cannot pass its exchange, while its link store could
    /// still sit in a store buffer. A consumer that sees a half-linked message reschedules and finds it linked.
    /// </remarks>
    public bool HasMessages => Volatile.Read(ref _head) != _tail;

    /// <summary>
    /// How many messages wait, counted from any thread by walking the links: exact while the queue is quiet,
    /// a moment old while producers or the consumer move. Nodes are never reused, so a stale walk is safe.
    /// </summary>
    public int CountApproximately()
    {
        var count = 0;
        for (var node = Volatile.Read(ref Volatile.Read(ref _tail).Next); node is not null; node = Volatile.Read(ref node.Next))
            count++;
        return count;
    }

    private sealed class Node(object message, IActorRef? sender)
    {
        public Node? Next;
        public object Message = message;
        public IActorRef? Sender = sender;
    }
}
