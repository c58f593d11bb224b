namespace ActorSupervisor.Actors;

/// <summary>An actor's constructor, <c>PreStart</c> or <c>PostRestart</c> failed; the default strategy stops the actor.</summary>
public sealed class ActorInitializationException(IActorRef actor, Exception cause)
    : Exception($"{actor.Path} failed to start: {cause.Message}", cause)
{
    /// <summary>The actor that failed to start.</summary>
    public IActorRef Actor { get; } = actor;
}
