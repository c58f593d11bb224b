namespace ActorSupervisor.Actors;

/// <summary>A message that could not be delivered: its recipient had stopped, or its bounded mailbox was full.</summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Who sent it, or null.</param>
/// <param name="Recipient">Who it was for.</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);
