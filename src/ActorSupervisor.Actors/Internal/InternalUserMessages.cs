namespace ActorSupervisor.Actors.Internal;

/// <summary>A timer tick as it travels the user lane; delivered only if its timer is still the current one for its key.</summary>
internal sealed class TimerFired(TimerScheduler owner, object key, int generation, object message) : AutoReceivedMessage
{
    public TimerScheduler Owner { get; } = owner;
    public object Key { get; } = key;
    public int Generation { get; } = generation;
    public object Message { get; } = message;
}

/// <summary>A receive-timeout tick; stale (and dropped) once any message arrived after it was armed.</summary>
internal sealed class ReceiveTimeoutFired(ActorCell owner, int generation) : AutoReceivedMessage
{
    public ActorCell Owner { get; } = owner;
    public int Generation { get; } = generation;
}

/// <summary>A <see cref="Terminated"/> on its way to a watcher; dropped if the watcher unwatched meanwhile.</summary>
internal sealed class WatchedActorTerminated(Terminated terminated) : AutoReceivedMessage
{
    public Terminated Terminated { get; } = terminated;
}
