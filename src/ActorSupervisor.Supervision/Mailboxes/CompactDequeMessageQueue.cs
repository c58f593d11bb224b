using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorSupervisor.Supervision.Mailboxes;

/// <summary>
/// An unbounded deque of envelopes that costs one small object while empty: a ring buffer whose array starts empty,
/// doubles as messages arrive and is dropped again each time the queue drains. Akka's own deque mailbox
/// (<see cref="UnboundedDequeMessageQueue"/>) keeps a <c>ConcurrentQueue</c> segment (~1.1 KB) and a stack per actor
/// for the actor's whole life, idle or not; with thousands of mostly idle entities per node that was the largest
/// item per container.
/// </summary>
/// <remarks>
/// <para>Threads: any number of senders call <see cref="Enqueue"/>; the actor's one consumer at a time (the
/// mailbox run) calls <see cref="TryDequeue"/> and, from the stash, <see cref="EnqueueFirst"/>; Akka reads
/// <see cref="Count"/> and <see cref="HasMessages"/> from any thread to decide whether to schedule the actor. Every
/// change happens under one lock, so no envelope is lost or duplicated; the count is also published with a volatile
/// write so that the readers need not take the lock.</para>
/// <para>Semantics: <see cref="IUnboundedDequeBasedMessageQueueSemantics"/>, what Akka's stash requires of the
/// mailbox of an actor with a stash (<see cref="IWithUnboundedStash"/>, which every persistent actor is): an envelope
/// put back with <see cref="EnqueueFirst"/> is dequeued before every other, the last one put back first (the
/// stash's <c>UnstashAll</c> puts its envelopes back newest first so that they come out oldest first).</para>
/// </remarks>
internal sealed class CompactDequeMessageQueue : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private const int FirstCapacity = 4;

    // Guarded by locking this object: no lock object of its own (that would be one more allocation per actor, the
    // thing this queue exists to avoid); the type is internal and Akka never locks a message queue.
    private Envelope[] _items = [];
    private int _head;
    private int _count;

    /// <inheritdoc />
    public bool HasMessages => Volatile.Read(ref _count) > 0;

    /// <inheritdoc />
    public int Count => Volatile.Read(ref _count);

    /// <summary>The length of the ring buffer's array; 0 while the queue is empty.</summary>
    internal int Capacity
    {
        get
        {
            lock (this) return _items.Length;
        }
    }

    /// <inheritdoc />
    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (this)
        {
            if (_count == _items.Length) Grow();
            _items[(_head + _count) % _items.Length] = envelope;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <inheritdoc />
    public void EnqueueFirst(Envelope envelope)
    {
        lock (this)
        {
            if (_count == _items.Length) Grow();
            _head = (_head == 0 ? _items.Length : _head) - 1;
            _items[_head] = envelope;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <inheritdoc />
    public bool TryDequeue(out Envelope envelope)
    {
        lock (this)
        {
            if (_count == 0)
            {
                envelope = default;
                return false;
            }

            envelope = _items[_head];
            _items[_head] = default; // the queue must not keep a handled message alive
            _head = (_head + 1) % _items.Length;
            if (_count == 1)
            {
                // Drained: back to nothing, whatever the burst grew the array to.
                _items = [];
                _head = 0;
            }

            Volatile.Write(ref _count, _count - 1);
            return true;
        }
    }

    /// <inheritdoc />
    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope)) deadletters.Enqueue(owner, envelope);
    }

    /// <summary>Doubles the array (or makes the first), moving the envelopes to its start in queue order.</summary>
    private void Grow()
    {
        var grown = new Envelope[_items.Length == 0 ? FirstCapacity : _items.Length * 2];
        for (var i = 0; i < _count; i++) grown[i] = _items[(_head + i) % _items.Length];
        _items = grown;
        _head = 0;
    }
}
