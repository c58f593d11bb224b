namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>One Docker container the runtime watches for its exit.</summary>
internal sealed class DockerWorkload(WorkloadHandle handle)
{
    private readonly TaskCompletionSource<WorkloadStatus> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _startReported = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _finishing;

    public WorkloadHandle Handle { get; } = handle;

    public bool Paused { get; set; }

    public bool OomReported { get; set; }

    public Lock Gate { get; } = new();

    public Task<WorkloadStatus> Exited => _exit.Task;

    /// <summary>Completes once the start was reported (true) or failed (false): an exit is reported only after its start.</summary>
    public Task<bool> StartReported => _startReported.Task;

    public void ReportStart(bool started) => _startReported.TrySetResult(started);

    public bool TryBeginFinish() => Interlocked.Exchange(ref _finishing, 1) == 0;

    public void Complete(WorkloadStatus status) => _exit.TrySetResult(status);
}
