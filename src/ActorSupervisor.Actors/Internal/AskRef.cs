namespace ActorSupervisor.Actors.Internal;

/// <summary>
/// The temporary ref an <c>Ask</c> sends as its sender: the first reply completes the task; a
/// <see cref="StatusFailure"/> faults it; the timeout, the caller's token, or the question reaching dead
/// letters end it otherwise. It is not an actor: nothing is scheduled, nothing lingers after completion.
/// </summary>
internal sealed class AskRef<T> : IInternalActorRef, IAskReplyTarget
{
    private readonly ActorSystem _system;
    private readonly IActorRef _target;
    private readonly object _question;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;
    private ActorPath? _path;

    public AskRef(ActorSystem system, IActorRef target, object question)
    {
        _system = system;
        _target = target;
        _question = question;
    }

    public Task<T> Task => _completion.Task;

    public ActorPath Path => _path ??= _system.NewTempPath();

    public bool IsTerminated => _completion.Task.IsCompleted;

    public void Start(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
            _timer = _system.Time.CreateTimer(static state => ((AskRef<T>)state!).TimedOut(), this, timeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((AskRef<T>)state!).Fail(new OperationCanceledException(token)), this);
        if (_completion.Task.IsCompleted) Cleanup();
    }

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case T reply:
                if (_completion.TrySetResult(reply)) Cleanup();
                break;
            case StatusFailure failure:
                Fail(failure.Cause);
                break;
            default:
                Fail(new InvalidCastException(
                    $"Ask<{typeof(T).Name}> to {_target.Path} with {_question.GetType().Name} got a reply of type {message.GetType().Name}: {message}"));
                break;
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is WatchActor watch && watch.Watcher != this)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: !IsTerminated));
    }

    public void RecipientTerminated(IActorRef recipient) =>
        Fail(new AskTimeoutException($"Ask to {recipient.Path} with {_question.GetType().Name} failed: the recipient had already terminated"));

    private void TimedOut() =>
        Fail(new AskTimeoutException($"Ask to {_target.Path} with {_question.GetType().Name} got no reply within the timeout"));

    private void Fail(Exception cause)
    {
        if (_completion.TrySetException(cause)) Cleanup();
    }

    private void Cleanup()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
    }

    public override string ToString() => $"Ask[{_target.Path}]";
}
