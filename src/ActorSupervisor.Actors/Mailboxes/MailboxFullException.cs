namespace ActorSupervisor.Actors;

/// <summary>A send to a bounded mailbox with <see cref="MailboxOverflow.Throw"/> found it full; nothing was enqueued.</summary>
public sealed class MailboxFullException(ActorPath recipient, int capacity)
    : Exception($"the mailbox of {recipient} is full ({capacity} messages); the message was not enqueued")
{
    /// <summary>The actor whose mailbox was full.</summary>
    public ActorPath Recipient { get; } = recipient;
}
