namespace ActorSupervisor.Actors;

/// <summary>The mailbox backlog of an actor system at one moment; see <see cref="ActorSystem.GetMailboxStatistics"/>.</summary>
/// <param name="Actors">How many actors were counted.</param>
/// <param name="QueuedMessages">User messages waiting in all their mailboxes together.</param>
/// <param name="DeepestMailbox">User messages waiting in the fullest mailbox.</param>
public readonly record struct MailboxStatistics(int Actors, long QueuedMessages, int DeepestMailbox);
