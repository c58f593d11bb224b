namespace ActorSupervisor.Actors.Internal;

/// <summary>
/// A message of the system lane: lifecycle, supervision and death watch. A closed set, each handled by
/// one case of <see cref="ActorCell"/>'s dispatch. Nodes of an intrusive list, so sending one allocates once.
/// </summary>
internal abstract class SystemMessage
{
    public SystemMessage? Next;

    /// <summary>Marks a closed system lane: a send that finds it is handled as sent to a dead actor.</summary>
    public static readonly SystemMessage Closed = new ClosedMarker();

    private sealed class ClosedMarker : SystemMessage;
}

/// <summary>Make the actor instance and run <c>PreStart</c>.</summary>
internal sealed class CreateActor : SystemMessage;

/// <summary>Stop handling user messages (a parent or sibling failed) until a matching <see cref="ResumeActor"/>.</summary>
internal sealed class SuspendActor : SystemMessage;

/// <summary>Undo one suspension; when caused by a failure, also clear the failed state.</summary>
internal sealed class ResumeActor(bool causedByFailure) : SystemMessage
{
    public bool CausedByFailure { get; } = causedByFailure;
}

/// <summary>Replace the instance after a failure.</summary>
internal sealed class RecreateActor(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Stop: children first, then <c>PostStop</c>, then tell parent and watchers.</summary>
internal sealed class TerminateActor : SystemMessage;

/// <summary>Sent to a parent: its child failed with <see cref="Cause"/>.</summary>
internal sealed class ChildFailed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;
    public Exception Cause { get; } = cause;
}

/// <summary><see cref="Watcher"/> wants a <see cref="Terminated"/> when <see cref="Watchee"/> stops.</summary>
internal sealed class WatchActor(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Undoes a <see cref="WatchActor"/>.</summary>
internal sealed class UnwatchActor(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Sent to a parent and to watchers: <see cref="Actor"/> has stopped.</summary>
internal sealed class DeathWatchNotification(IInternalActorRef actor, bool existenceConfirmed) : SystemMessage
{
    public IInternalActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}

/// <summary>Runs a continuation of an async handler inside the actor, as its synchronization context posted it.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}

/// <summary>The task of an async handler finished: the actor may take the next message (or fail).</summary>
internal sealed class AsyncHandlerDone(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
