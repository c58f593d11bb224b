using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Actors.Internal;

/// <summary>Handing user messages to the actor, and the messages the kernel answers itself.</summary>
internal sealed partial class ActorCell
{
    private void Invoke(object message, IActorRef? sender)
    {
        _currentMessage = message;
        _currentSender = sender;
        try
        {
            if (message is AutoReceivedMessage auto) HandleAutoReceived(auto);
            else ReceiveUserMessage(message);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    private void ReceiveUserMessage(object message)
    {
        if (_extras is { } before) before.CurrentMessageStashed = false;
        var actor = _actor!;
        if (!actor.AroundReceive(message)) actor.AroundUnhandled(message);
        if (_extras is not { } extras) return;
        if (extras.PendingTask is not null) AwaitPendingTask(extras);
        if (extras.ReceiveTimeout is not null) RestartReceiveTimeout(extras);
    }

    /// <summary>The behaviour in force: the last <c>Become</c>, or the actor's <c>Receive</c>.</summary>
    public Func<object, bool>? Behavior => _behavior;

    private void HandleAutoReceived(AutoReceivedMessage message)
    {
        switch (message)
        {
            case TimerFired fired:
                if (fired.Owner.TryTake(fired)) ReceiveUserMessage(fired.Message);
                break;
            case ReceiveTimeoutFired fired:
                if (_extras is { ReceiveTimeout: not null } extras && extras.ReceiveTimeoutGeneration == fired.Generation)
                    ReceiveUserMessage(global::ActorSupervisor.Actors.ReceiveTimeout.Instance);
                break;
            case WatchedActorTerminated watched:
                if (_extras?.Watching?.Remove((IInternalActorRef)watched.Terminated.ActorRef) == true)
                    ReceiveUserMessage(watched.Terminated);
                break;
            case PoisonPill:
                Terminate();
                break;
            case Kill:
                throw new ActorKilledException($"{_path} received Kill");
            default:
                throw new InvalidOperationException($"unknown auto-received message {message.GetType().Name}");
        }
    }

    private void HandleSystemMessage(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case CreateActor:
                    CreateInstance();
                    break;
                case TerminateActor:
                    Terminate();
                    break;
                case ChildFailed failed:
                    HandleChildFailed(failed.Child, failed.Cause);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification.Actor, notification.ExistenceConfirmed);
                    break;
                case WatchActor watch:
                    AddWatcher(watch.Watchee, watch.Watcher);
                    break;
                case UnwatchActor unwatch:
                    RemoveWatcher(unwatch.Watchee, unwatch.Watcher);
                    break;
                case SuspendActor:
                    SuspendRecursively();
                    break;
                case ResumeActor resume:
                    ResumeRecursively(resume.CausedByFailure);
                    break;
                case RecreateActor recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case RunContinuation continuation:
                    RunContinuationOnTurn(continuation);
                    break;
                case AsyncHandlerDone done:
                    CompleteAsyncHandler(done.Task);
                    break;
                default:
                    throw new InvalidOperationException($"unknown system message {message.GetType().Name}");
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    /// <summary>A system message that reached a stopped cell: a watch is answered at once, the rest has nobody to act.</summary>
    private void HandleSystemMessageToDeadCell(SystemMessage message)
    {
        if (message is WatchActor watch && watch.Watchee == this && watch.Watcher != this)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
    }

    private void LogError(Exception e, string what) => Log.LogError(e, "{Actor}: {What}", _path, what);
}
