namespace ActorSupervisor.Actors.Internal;

/// <summary>Become/Unbecome, the stash, and async handlers.</summary>
internal sealed partial class ActorCell
{
    public void Become(Func<object, bool> receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behavior = receive;
        if (_extras is { BehaviorStack: not null } extras) extras.BehaviorStack = null;
    }

    public void BecomeStacked(Func<object, bool> receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        if (_behavior is not null) (Extras.BehaviorStack ??= new()).Push(_behavior);
        else Extras.BehaviorStack ??= new();
        _behavior = receive;
    }

    public void UnbecomeStacked()
    {
        var stack = _extras?.BehaviorStack;
        _behavior = stack is { Count: > 0 } ? stack.Pop() : null;
    }

    public void Unbecome()
    {
        _behavior = null;
        if (_extras is { } extras) extras.BehaviorStack = null;
    }

    public void StashCurrent()
    {
        var extras = Extras;
        if (_currentMessage is null) throw new InvalidOperationException($"{_path}: Stash() can only be called while handling a message");
        if (extras.CurrentMessageStashed) throw new InvalidOperationException($"{_path}: the current message ({_currentMessage.GetType().Name}) is already stashed");
        (extras.Stash ??= []).Add(new Envelope(_currentMessage, _currentSender));
        extras.CurrentMessageStashed = true;
    }

    /// <summary>Puts the oldest stashed message at the front of the mailbox.</summary>
    public void Unstash()
    {
        if (_extras?.Stash is not { Count: > 0 } stash) return;
        var first = stash[0];
        stash.RemoveAt(0);
        (Extras.Unstashed ??= new()).AddFirst(first);
    }

    /// <summary>Puts every stashed message, in stash order, at the front of the mailbox.</summary>
    public void UnstashAll()
    {
        if (_extras?.Stash is not { Count: > 0 } stash) return;
        Prepend(stash);
        stash.Clear();
    }

    /// <summary>Puts <paramref name="envelopes"/>, in order, ahead of everything else in the mailbox.</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        var unstashed = Extras.Unstashed ??= new();
        for (var i = envelopes.Count - 1; i >= 0; i--) unstashed.AddFirst(envelopes[i]);
    }

    public int StashCount => _extras?.Stash?.Count ?? 0;

    /// <summary>Makes the actor wait for <paramref name="task"/> before its next message; called by the handler that started it.</summary>
    public void SetPendingTask(Task task)
    {
        var extras = Extras;
        if (extras.PendingTask is not null) throw new InvalidOperationException($"{_path}: a handler may start only one awaited task");
        extras.PendingTask = task;
    }

    private void AwaitPendingTask(CellExtras extras)
    {
        var task = extras.PendingTask!;
        extras.PendingTask = null;
        if (task.IsCompleted)
        {
            if (!task.IsCompletedSuccessfully) throw UnwrapFailure(task);
            return;
        }
        _flags |= CellFlags.AwaitingTask;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => SendSystemMessage(new AsyncHandlerDone(task)));
    }

    private void CompleteAsyncHandler(Task task)
    {
        if ((_flags & CellFlags.AwaitingTask) == 0) return; // the actor restarted or stopped meanwhile
        _flags &= ~CellFlags.AwaitingTask;
        if (!task.IsCompletedSuccessfully) HandleInvokeFailure(UnwrapFailure(task));
    }

    private static Exception UnwrapFailure(Task task) =>
        task.Exception?.InnerExceptions is [var single] ? single
        : task.Exception ?? (Exception)new TaskCanceledException(task);

    private void RunContinuationOnTurn(RunContinuation continuation)
    {
        if (_actor is not { } actor) return;
        continuation.Callback(continuation.State);
        actor.AfterContinuation();
    }
}
