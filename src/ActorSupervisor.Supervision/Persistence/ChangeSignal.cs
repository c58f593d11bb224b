namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// Wakes live readers when new events may have committed. A reader takes <see cref="Next"/> before it
/// queries, so a write between its query and its wait still wakes it.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every reader waiting on the current <see cref="Next"/>.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
