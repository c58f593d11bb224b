namespace ActorSupervisor.Actors;

/// <summary>
/// A handle to an actor: the only way to talk to it. Sending never blocks and never throws for a dead
/// actor; what a dead actor would have received goes to the system's dead letters.
/// </summary>
public interface IActorRef
{
    /// <summary>Where the actor lives in its system's hierarchy, e.g. <c>/user/supervisor/web-1</c>.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> for the actor. <paramref name="sender"/> is what the receiver sees as
    /// <c>Sender</c>; <c>null</c> means no sender (replies go to dead letters).
    /// </summary>
    void Tell(object message, IActorRef? sender);
}
