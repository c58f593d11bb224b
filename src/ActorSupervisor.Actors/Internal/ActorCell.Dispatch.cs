namespace ActorSupervisor.Actors.Internal;

/// <summary>The mailbox: scheduling the cell's turns on the thread pool and running them.</summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    private MpscQueue _mailbox;
    private SystemMessage? _systemHead; // newest first; SystemMessage.Closed once the cell is gone
    private int _scheduled; // 1 while a turn is queued or running
    private int _suspendCount;
    private CellFlags _flags;
    private volatile bool _closed;
    private readonly int _capacity;
    private int _userCount; // bounded mailboxes only

    [Flags]
    private enum CellFlags
    {
        None = 0,
        Created = 1,
        Failed = 2,
        Terminating = 4,
        AwaitingTask = 8,
    }

    public bool IsTerminated => _closed;

    private bool CanProcessUserMessages => _suspendCount == 0 && _flags == CellFlags.Created;

    public void SendSystemMessage(SystemMessage message)
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemHead);
            if (head == SystemMessage.Closed)
            {
                HandleSystemMessageToDeadCell(message);
                return;
            }
            message.Next = head;
            if (Interlocked.CompareExchange(ref _systemHead, message, head) == head) break;
        }
        TrySchedule();
    }

    private void TrySchedule()
    {
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    /// <summary>One turn: all system messages, then up to a batch of user messages, re-checking the system lane after each.</summary>
    public void Execute()
    {
        var previousCell = t_current;
        var previousContext = SynchronizationContext.Current;
        t_current = this;
        SynchronizationContext.SetSynchronizationContext(this);
        try
        {
            ProcessSystemMessages();
            if (CanProcessUserMessages) ProcessUserMessages(_system.Settings.Throughput);
        }
        finally
        {
            t_current = previousCell;
            SynchronizationContext.SetSynchronizationContext(previousContext);
            // The exchange is a full fence: a producer that enqueued before it sees 1 and relies on us to re-check below.
            Interlocked.Exchange(ref _scheduled, 0);
            if (HasPendingWork()) TrySchedule();
        }
    }

    private void ProcessUserMessages(int budget)
    {
        while (budget-- > 0 && TryDequeueUserMessage(out var message, out var sender))
        {
            Invoke(message, sender);
            if (Volatile.Read(ref _systemHead) is not null) ProcessSystemMessages();
            if (!CanProcessUserMessages) return;
        }
    }

    private bool TryDequeueUserMessage(out object message, out IActorRef? sender)
    {
        if (_extras?.Unstashed is { Count: > 0 } unstashed)
        {
            var first = unstashed.First!.Value;
            unstashed.RemoveFirst();
            (message, sender) = (first.Message, first.Sender);
            return true;
        }
        if (!_mailbox.TryDequeue(out message, out sender)) return false;
        if (_capacity > 0) Interlocked.Decrement(ref _userCount);
        return true;
    }

    /// <summary>User messages waiting in the mailbox (for metrics; see <see cref="MpscQueue.CountApproximately"/>).</summary>
    public int MailboxDepth => _mailbox.CountApproximately();

    private bool HasPendingWork()
    {
        var head = Volatile.Read(ref _systemHead);
        if (head is not null && head != SystemMessage.Closed) return true;
        return CanProcessUserMessages && (_mailbox.HasMessages || _extras?.Unstashed is { Count: > 0 });
    }

    private void ProcessSystemMessages()
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemHead);
            if (head is null || head == SystemMessage.Closed) return;
            if (Interlocked.CompareExchange(ref _systemHead, null, head) != head) continue;
            for (var message = Reverse(head); message is not null;)
            {
                var next = message.Next;
                message.Next = null;
                if (_closed) HandleSystemMessageToDeadCell(message);
                else HandleSystemMessage(message);
                message = next;
            }
        }
    }

    private static SystemMessage? Reverse(SystemMessage? head)
    {
        SystemMessage? reversed = null;
        while (head is not null)
        {
            var next = head.Next;
            head.Next = reversed;
            reversed = head;
            head = next;
        }
        return reversed;
    }

    private bool TryReserveSlot(object message, IActorRef? sender)
    {
        if (Interlocked.Increment(ref _userCount) <= _capacity) return true;
        Interlocked.Decrement(ref _userCount);
        if (_props.Mailbox.Overflow == MailboxOverflow.Throw) throw new MailboxFullException(_path, _capacity);
        _system.DeadLetter(message, sender, this);
        return false;
    }

    /// <summary>Called for sends that may have raced with the cell closing: whatever is left goes to dead letters.</summary>
    private void DrainUserMessagesToDeadLetters()
    {
        foreach (var (message, sender) in TakeAllUserMessages()) _system.DeadLetter(message, sender, this);
    }

    /// <summary>Empties the user lane of a closed cell under its lock (senders may race to drain it); dead-letter them outside it.</summary>
    private List<Envelope> TakeAllUserMessages()
    {
        var taken = new List<Envelope>();
        lock (this)
        {
            // Wait out senders that swapped the head but have not linked yet: HasMessages sees them, TryDequeue not yet.
            var spin = new SpinWait();
            while (_mailbox.HasMessages)
            {
                if (_mailbox.TryDequeue(out var message, out var sender)) taken.Add(new Envelope(message, sender));
                else spin.SpinOnce();
            }
        }
        return taken;
    }

    /// <summary>Async handlers capture the cell as their context: continuations come back as system messages and run on the cell's turn.</summary>
    public override void Post(SendOrPostCallback d, object? state) => SendSystemMessage(new RunContinuation(d, state));

    public override SynchronizationContext CreateCopy() => this;
}
