namespace ActorSupervisor.Actors;

/// <summary>A child name is already taken by a live (or still stopping) sibling.</summary>
public sealed class InvalidActorNameException(string message) : ArgumentException(message);
