namespace ActorSupervisor.Actors.Internal;

/// <summary>Death watch: exactly one <see cref="Terminated"/> per watch, also for actors that were already dead.</summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        var target = AsInternal(subject);
        if (target == this) return subject;
        if ((Extras.Watching ??= []).Add(target)) target.SendSystemMessage(new WatchActor(target, this));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = AsInternal(subject);
        if (_extras?.Watching?.Remove(target) == true) target.SendSystemMessage(new UnwatchActor(target, this));
        return subject;
    }

    private static IInternalActorRef AsInternal(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject as IInternalActorRef
            ?? throw new ArgumentException($"{subject.Path} is not an actor of this system", nameof(subject));
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee != this || watcher == this) return;
        (Extras.Watchers ??= []).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee == this) _extras?.Watchers?.Remove(watcher);
    }

    private void HandleDeathWatchNotification(IInternalActorRef actor, bool existenceConfirmed)
    {
        if (actor is ActorCell cell && cell._parent == this) HandleChildTerminated(cell);
        if ((_flags & CellFlags.Terminating) == 0 && _extras?.Watching?.Contains(actor) == true)
        {
            // Through the user lane, so the actor sees it in order with its other messages and may stash it.
            _mailbox.Enqueue(new WatchedActorTerminated(new Terminated(actor, existenceConfirmed)), actor);
            if (_capacity > 0) Interlocked.Increment(ref _userCount);
        }
    }

    /// <summary>Tells the parent (which removes the child) and every watcher that this actor is gone, and stops watching others.</summary>
    private void NotifyDeath()
    {
        _parent?.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
        if (_extras is not { } extras) return;
        foreach (var watcher in extras.Watchers ?? [])
        {
            if (watcher != _parent) watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
        }
        foreach (var watched in extras.Watching ?? []) watched.SendSystemMessage(new UnwatchActor(watched, this));
        extras.Watchers = null;
        extras.Watching = null;
    }
}
