namespace ActorSupervisor.Containers.Runtimes.Fake;

/// <summary>One fake workload: its handle, its script and at most one timer for its scripted end.</summary>
internal sealed class FakeWorkload(WorkloadHandle handle, FakeBehavior behavior)
{
    private readonly TaskCompletionSource<WorkloadStatus> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkloadHandle Handle { get; } = handle;

    public FakeBehavior Behavior { get; } = behavior;

    public ITimer? Timer { get; set; }

    public bool Paused { get; set; }

    public long? MemoryLimitBytes { get; set; }

    public bool Running => !_exit.Task.IsCompleted;

    public Task<WorkloadStatus> Exited => _exit.Task;

    public bool TryComplete(WorkloadStatus status) => _exit.TrySetResult(status);
}
