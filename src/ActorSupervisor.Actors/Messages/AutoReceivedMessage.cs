namespace ActorSupervisor.Actors;

/// <summary>
/// A message the kernel acts on itself when it reaches the head of an actor's mailbox (such as
/// <see cref="PoisonPill"/>), instead of handing it to the actor's handler.
/// </summary>
public abstract class AutoReceivedMessage
{
    private protected AutoReceivedMessage()
    {
    }
}
