namespace ActorSupervisor.Actors;

/// <summary>
/// Which mailbox an actor gets. The default is unbounded. A bounded mailbox holds at most
/// <see cref="Capacity"/> user messages; what happens to one more is <see cref="Overflow"/>. System
/// messages (stop, watch, failures) are never bounded.
/// </summary>
public sealed record MailboxOptions
{
    private MailboxOptions(int capacity, MailboxOverflow overflow)
    {
        Capacity = capacity;
        Overflow = overflow;
    }

    /// <summary>The most user messages the mailbox holds; 0 for unbounded.</summary>
    public int Capacity { get; }

    /// <summary>What a send to a full bounded mailbox does.</summary>
    public MailboxOverflow Overflow { get; }

    /// <summary>The default: no limit.</summary>
    public static MailboxOptions Unbounded { get; } = new(0, MailboxOverflow.DeadLetter);

    /// <summary>A mailbox that holds at most <paramref name="capacity"/> user messages.</summary>
    public static MailboxOptions Bounded(int capacity, MailboxOverflow overflow = MailboxOverflow.DeadLetter)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a bounded mailbox needs a capacity of at least 1");
        if (!Enum.IsDefined(overflow)) throw new ArgumentOutOfRangeException(nameof(overflow), overflow, "unknown overflow behaviour");
        return new MailboxOptions(capacity, overflow);
    }

    /// <inheritdoc />
    public override string ToString() => Capacity == 0 ? "unbounded" : $"bounded({Capacity}, {Overflow})";
}
