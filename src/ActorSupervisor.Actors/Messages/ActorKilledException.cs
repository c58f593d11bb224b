namespace ActorSupervisor.Actors;

/// <summary>The failure an actor raises on receiving <see cref="Kill"/>; the default strategy stops the actor.</summary>
public sealed class ActorKilledException(string message) : Exception(message);
