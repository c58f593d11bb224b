namespace ActorSupervisor.Actors.Internal;

/// <summary>The dead-letter office: whatever is sent here is counted, logged and published.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => true;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter letter) system.DeadLetter(letter.Message, letter.Sender, letter.Recipient);
        else system.DeadLetter(message, sender, this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is WatchActor watch && watch.Watcher != this)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
    }

    public override string ToString() => $"DeadLetters[{Path}]";
}
