namespace ActorSupervisor.Actors.Internal;

/// <summary>Creating the instance, stopping (children before parent) and closing the mailbox.</summary>
internal sealed partial class ActorCell
{
    /// <summary>Queues the creation of the instance; called once, right after the cell is attached to its parent.</summary>
    public void Start() => SendSystemMessage(new CreateActor());

    private void CreateInstance()
    {
        if ((_flags & CellFlags.Terminating) != 0) return;
        try
        {
            _actor = NewInstance();
            _flags |= CellFlags.Created;
            _actor.AroundPreStart();
        }
        catch (Exception e)
        {
            _flags |= CellFlags.Created; // a failed start is still a start: the failure suspends it like any other
            HandleInvokeFailure(new ActorInitializationException(this, e));
        }
    }

    private ActorBase NewInstance()
    {
        var previous = t_creating;
        t_creating = this;
        try
        {
            ActorBase actor;
            try
            {
                actor = _props.NewActor();
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
            {
                // new T() goes through reflection: report the constructor's own exception.
                global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            if (actor is null || actor.Cell != this)
                throw new InvalidOperationException($"the props factory of {_path} must return a new {_props.ActorType.Name} each time it is called");
            return actor;
        }
        finally
        {
            t_creating = previous;
        }
    }

    /// <summary>Starts stopping: no more user messages; children are stopped and awaited before <c>PostStop</c>.</summary>
    private void Terminate()
    {
        lock (this)
        {
            if ((_flags & CellFlags.Terminating) != 0) return;
            _flags |= CellFlags.Terminating;
        }
        CancelTimersAndReceiveTimeout();
        var children = LiveChildren();
        foreach (var child in children) StopChild(child);
        if (!HasChildren) FinishTerminate();
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        try
        {
            if (actor is not null && (_flags & CellFlags.Created) != 0) actor.AroundPostStop();
        }
        catch (Exception e)
        {
            LogError(e, "PostStop failed");
        }
        finally
        {
            CloseMailbox();
            NotifyDeath();
            _actor = null;
            _behavior = null;
            _currentMessage = null;
            _currentSender = null;
            if (_parent is null) _system.OnRootTerminated();
        }
    }

    private void CloseMailbox()
    {
        _closed = true;
        DrainUserMessagesToDeadLetters();
        if (_extras is { } extras)
        {
            foreach (var envelope in extras.Unstashed ?? []) _system.DeadLetter(envelope.Message, envelope.Sender, this);
            foreach (var envelope in extras.Stash ?? []) _system.DeadLetter(envelope.Message, envelope.Sender, this);
            extras.Unstashed = null;
            extras.Stash = null;
        }
        var leftovers = Reverse(Interlocked.Exchange(ref _systemHead, SystemMessage.Closed));
        for (var message = leftovers; message is not null; message = message.Next) HandleSystemMessageToDeadCell(message);
    }

    /// <summary>Stops the instance for good after a failure nobody may act on (used by persistent actors).</summary>
    public void StopSelf() => SendSystemMessage(new TerminateActor());
}
