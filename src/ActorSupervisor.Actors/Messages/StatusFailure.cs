namespace ActorSupervisor.Actors;

/// <summary>A reply that reports a failure: <c>Ask</c> completes its task with <paramref name="Cause"/> when it receives one.</summary>
/// <param name="Cause">What went wrong.</param>
public sealed record StatusFailure(Exception Cause);
