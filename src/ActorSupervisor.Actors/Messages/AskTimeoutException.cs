namespace ActorSupervisor.Actors;

/// <summary>An <c>Ask</c> got no reply in time, or its recipient was already dead.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
