namespace ActorSupervisor.Actors.Internal;

/// <summary>A user message with its sender, as it sits in a stash.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
