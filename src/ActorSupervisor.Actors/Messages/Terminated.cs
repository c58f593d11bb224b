namespace ActorSupervisor.Actors;

/// <summary>
/// Tells a watcher that an actor it watches has stopped. Each <c>Watch</c> yields exactly one, also for an
/// actor that was already dead when watched; none arrives after <c>Unwatch</c>.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone (or never existed) when watched.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed);
