namespace ActorSupervisor.Actors;

/// <summary>What a send to a full bounded mailbox does.</summary>
public enum MailboxOverflow
{
    /// <summary>The new message is not enqueued: it goes to dead letters (counted and logged), the sender goes on.</summary>
    DeadLetter,

    /// <summary><c>Tell</c> throws <see cref="MailboxFullException"/> to the sender, who can retry or shed load.</summary>
    Throw,
}
