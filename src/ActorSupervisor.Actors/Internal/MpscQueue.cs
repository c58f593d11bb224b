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

    /// <summary>Adds a message; safe from any thread. Ends with a full fence (see remarks).</summary>
    /// <remarks>
    /// The link is an interlocked exchange, not a plain store: the caller reads the mailbox's scheduled flag
    /// next, and a store followed by a load may be reordered. Without the fence a producer could see "scheduled"
    /// while the finishing consumer does not yet see the link, and the message would sit unnoticed.
    /// </remarks>
    public void Enqueue(object message, IActorRef? sender)
    {
        var node = new Node(message, sender);
        var previous = Interlocked.Exchange(ref _head, node);
        Interlocked.Exchange(ref previous.Next, node);
    }

    /// <summary>Takes the oldest message; only the consumer may call it.</summary>
    /// <remarks>A producer between its exchange and its link makes the queue look empty for that moment; it schedules the mailbox after linking, so nothing is lost.</remarks>
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

    /// <summary>Whether a message is ready for the consumer.</summary>
    public readonly bool HasMessages => Volatile.Read(ref _tail.Next) is not null;

    private sealed class Node(object message, IActorRef? sender)
    {
        public Node? Next;
        public object Message = message;
        public IActorRef? Sender = sender;
    }
}
