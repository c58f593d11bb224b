namespace ActorSupervisor.Actors.Internal;

/// <summary>Failing, being restarted or resumed by the parent, and supervising children.</summary>
internal sealed partial class ActorCell
{
    private int _restartCount; // kept by the parent's strategy, on the parent's turn
    private DateTimeOffset _restartWindowStart;

    /// <summary>
    /// A handler (or lifecycle hook) threw: suspend this actor and its children and let the parent decide.
    /// The failed message is not retried.
    /// </summary>
    private void HandleInvokeFailure(Exception cause)
    {
        if ((_flags & CellFlags.Terminating) != 0)
        {
            LogError(cause, "failed while stopping");
            return;
        }
        if ((_flags & CellFlags.Failed) != 0)
        {
            LogError(cause, "failed again while its supervisor decides on the first failure");
            return;
        }
        _flags |= CellFlags.Failed;
        _flags &= ~CellFlags.AwaitingTask;
        _suspendCount++;
        foreach (var child in LiveChildren()) child.SendSystemMessage(new SuspendActor());
        if (_parent is null)
        {
            LogError(cause, "the root guardian failed; terminating the actor system");
            Terminate();
            return;
        }
        _parent.SendSystemMessage(new ChildFailed(this, cause));
    }

    private void HandleChildFailed(ActorCell child, Exception cause)
    {
        if (!IsLiveChild(child)) return; // stopped meanwhile, or a stale report from an earlier incarnation
        var strategy = _actor?.SupervisorStrategyInternal ?? SupervisorStrategy.Default;
        if (!strategy.HandleFailure(this, child, cause)) HandleInvokeFailure(cause);
    }

    /// <summary>Counts a restart in the window; false once more than <paramref name="max"/> fall in it.</summary>
    public bool CountRestart(DateTimeOffset now, TimeSpan window, int max)
    {
        if (window != Timeout.InfiniteTimeSpan && (_restartCount == 0 || now - _restartWindowStart > window))
        {
            _restartWindowStart = now;
            _restartCount = 0;
        }
        _restartCount++;
        return _restartCount <= max;
    }

    public void Restart(Exception cause) => SendSystemMessage(new RecreateActor(cause));

    public void ResumeAfterFailure() => SendSystemMessage(new ResumeActor(causedByFailure: true));

    public void SuspendForSiblingRestart() => SendSystemMessage(new SuspendActor());

    private void SuspendRecursively()
    {
        _suspendCount++;
        foreach (var child in LiveChildren()) child.SendSystemMessage(new SuspendActor());
    }

    private void ResumeRecursively(bool causedByFailure)
    {
        if (causedByFailure) _flags &= ~CellFlags.Failed;
        if (_suspendCount > 0) _suspendCount--;
        foreach (var child in LiveChildren()) child.SendSystemMessage(new ResumeActor(causedByFailure: false));
    }

    /// <summary>
    /// Restart, first half: the old instance's <c>PreRestart</c> (by default it stops the children and runs
    /// <c>PostStop</c>), then wait until the children it stopped are gone.
    /// </summary>
    private void FaultRecreate(Exception cause)
    {
        if ((_flags & CellFlags.Terminating) != 0) return;
        var failed = _actor;
        if (failed is not null)
        {
            try
            {
                failed.AroundPreRestart(cause, _currentMessage);
            }
            catch (Exception e)
            {
                LogError(e, "PreRestart failed");
            }
        }
        CancelTimersAndReceiveTimeout();
        _behavior = null;
        if (_extras is { } extras)
        {
            extras.BehaviorStack = null;
            extras.PendingTask = null;
        }
        _flags &= ~CellFlags.AwaitingTask;
        if (_extras?.StoppingChildren is { Count: > 0 }) Extras.PendingRecreateCause = cause;
        else FinishRecreate(cause);
    }

    /// <summary>Restart, second half: a fresh instance, <c>PostRestart</c>, resume, and restart the children that survived.</summary>
    private void FinishRecreate(Exception cause)
    {
        if (_extras is { } extras) extras.PendingRecreateCause = null;
        var survivors = LiveChildren();
        _actor = null;
        _flags &= ~CellFlags.Failed;
        if (_suspendCount > 0) _suspendCount--;
        try
        {
            _actor = NewInstance();
            _actor.AroundPostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(this, e));
            return;
        }
        foreach (var child in survivors) child.Restart(cause);
    }
}
