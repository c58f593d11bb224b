namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>
/// One <c>WriteMessagesAsync</c> call in the writer's queue: its writes (null where rejected before queueing)
/// and the results the caller awaits.
/// </summary>
internal sealed class PendingCall(IReadOnlyList<PreparedWrite?> writes, Exception?[] results)
{
    private readonly TaskCompletionSource<IReadOnlyList<Exception?>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<PreparedWrite?> Writes { get; } = writes;

    /// <summary>One entry per write: null for durable, else why it alone was rejected.</summary>
    public Exception?[] Results { get; } = results;

    public int EventCount { get; } = writes.Sum(w => w?.Events.Count ?? 0);

    public Task<IReadOnlyList<Exception?>> Completion => _completion.Task;

    public void Succeed() => _completion.TrySetResult(Results);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
