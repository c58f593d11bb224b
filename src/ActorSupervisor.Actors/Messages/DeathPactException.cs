namespace ActorSupervisor.Actors;

/// <summary>
/// Raised when an actor does not handle the <see cref="Terminated"/> of an actor it watches: by default a
/// watcher dies with what it watches. The default strategy stops the actor.
/// </summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"unhandled Terminated for {deadActor.Path}: an actor that watches another must handle its Terminated")
{
    /// <summary>The watched actor that stopped.</summary>
    public IActorRef DeadActor { get; } = deadActor;
}
