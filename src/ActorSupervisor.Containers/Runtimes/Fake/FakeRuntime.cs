using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ActorSupervisor.Containers.Domain;

namespace ActorSupervisor.Containers.Runtimes.Fake;

/// <summary>
/// A deterministic stand-in for a runtime, on a <see cref="TimeProvider"/>: workloads do what their
/// <see cref="FakeBehavior"/> says, scheduled on that clock, so tests drive exits, OOM kills and slow stops with
/// virtual time. A workload costs a small object and at most one timer, so 100,000 fit in one process.
/// </summary>
public sealed class FakeRuntime(TimeProvider time) : IContainerRuntime
{
    private readonly Channel<RuntimeSignal> _signals = Channel.CreateUnbounded<RuntimeSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, FakeBehavior> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeWorkload> _workloads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<LogLine>> _logs = new(StringComparer.Ordinal);
    private long _nextId;

    /// <inheritdoc />
    public RuntimeKind Kind => RuntimeKind.Fake;

    /// <inheritdoc />
    public RuntimeCapabilities Capabilities { get; } = new(MemoryLimits: true, MemoryMethod: "scripted", PauseMethod: "freezer", Notes: "");

    /// <inheritdoc />
    public ChannelReader<RuntimeSignal> Signals => _signals.Reader;

    /// <summary>What workloads of containers without a script of their own do.</summary>
    public FakeBehavior DefaultBehavior { get; set; } = FakeBehavior.RunForever;

    /// <summary>How many workloads run now.</summary>
    public int RunningCount => _workloads.Values.Count(w => w.Running);

    /// <summary>Scripts what the next workloads of <paramref name="containerId"/> do.</summary>
    /// <exception cref="ArgumentException">The behaviour is invalid.</exception>
    public void Script(string containerId, FakeBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        behavior.Validate();
        _scripts[containerId] = behavior;
    }

    /// <summary>Makes the running workload of <paramref name="containerId"/> exit now with <paramref name="exitCode"/>, as if it crashed.</summary>
    /// <exception cref="InvalidOperationException">It has no running workload.</exception>
    public void ExitNow(string containerId, int exitCode) => Finish(RunningOf(containerId), exitCode, oomKilled: false);

    /// <summary>Makes the kernel "OOM-kill" the running workload of <paramref name="containerId"/> now.</summary>
    /// <exception cref="InvalidOperationException">It has no running workload.</exception>
    public void OomKillNow(string containerId) => OomKill(RunningOf(containerId));

    /// <inheritdoc />
    public Task<WorkloadHandle> StartAsync(string containerId, ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        ArgumentNullException.ThrowIfNull(spec);
        var behavior = _scripts.GetValueOrDefault(containerId, DefaultBehavior);
        if (behavior.StartFailure is { } failure)
        {
            throw new RuntimeOperationException($"container {containerId}: {failure}");
        }
        if (_workloads.TryGetValue(containerId, out var current) && current.Running)
        {
            throw new RuntimeOperationException($"container {containerId} already has a running workload");
        }
        var id = Interlocked.Increment(ref _nextId);
        var now = time.GetUtcNow();
        var handle = new WorkloadHandle(containerId, "fake-" + id.ToString(CultureInfo.InvariantCulture), now, id);
        var workload = new FakeWorkload(handle, behavior);
        _workloads[containerId] = workload;
        if (behavior.Output.Count > 0)
        {
            _logs[containerId] = behavior.Output.Select(l => new LogLine(now, LogStream.Stdout, l)).ToArray();
        }
        Emit(new WorkloadStarted(containerId, handle.WorkloadId, now, (int)Math.Min(id, int.MaxValue)));
        ScheduleEnd(workload);
        return Task.FromResult(handle);
    }


    /// <inheritdoc />
    public async Task StopAsync(WorkloadHandle handle, string signal, TimeSpan timeout, Action<DateTimeOffset>? escalating = null, CancellationToken cancellationToken = default)
    {
        var number = SignalNames.ToNumber(signal);
        if (Find(handle) is not { Running: true } workload)
        {
            return;
        }
        Deliver(workload, number);
        if (workload.Running)
        {
            await Task.WhenAny(workload.Exited, Task.Delay(timeout, time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (workload.Running)
            {
                escalating?.Invoke(time.GetUtcNow());
                Deliver(workload, SignalNames.Kill);
            }
        }
        await workload.Exited.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<int> KillStraysAsync(string containerId, CancellationToken cancellationToken = default)
    {
        if (!_workloads.TryGetValue(containerId, out var workload) || !workload.Running) return Task.FromResult(0);
        Finish(workload, 137, oomKilled: false);
        return Task.FromResult(1);
    }

    /// <inheritdoc />
    public Task KillAsync(WorkloadHandle handle, string signal, CancellationToken cancellationToken = default)
    {
        var number = SignalNames.ToNumber(signal);
        Deliver(Running(handle), number);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpdateMemoryLimitAsync(WorkloadHandle handle, long memoryLimitBytes, CancellationToken cancellationToken = default)
    {
        Running(handle).MemoryLimitBytes = memoryLimitBytes;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default)
    {
        var workload = Running(handle);
        if (workload.Paused)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId} is already paused");
        }
        workload.Paused = true;
        Emit(new WorkloadPaused(handle.ContainerId, handle.WorkloadId, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnpauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default)
    {
        var workload = Running(handle);
        if (!workload.Paused)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId} is not paused");
        }
        workload.Paused = false;
        Emit(new WorkloadResumed(handle.ContainerId, handle.WorkloadId, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ProbeResult> ExecProbeAsync(WorkloadHandle handle, CommandLine probe, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ProbeOutput.CheckRequest(probe, timeout);
        var behavior = Running(handle).Behavior;
        if (behavior.ProbeHangs)
        {
            await Task.Delay(timeout, time, cancellationToken).ConfigureAwait(false);
            return ProbeOutput.TimedOut(behavior.ProbeOutput, timeout);
        }
        return new ProbeResult(behavior.ProbeExitCode, ProbeOutput.Cap(behavior.ProbeOutput), TimeSpan.Zero, TimedOut: false);
    }

    /// <inheritdoc />
    public Task<WorkloadStatus> InspectAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(handle) is { } workload
            ? workload.Running ? new WorkloadStatus(true, null, false, null) : workload.Exited.Result
            : new WorkloadStatus(false, null, false, null));

    /// <summary>A fake workload lives only in the instance that started it: any other handle is reported gone, its code unknown.</summary>
    public Task<WorkloadStatus> AdoptAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => InspectAsync(handle, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<LogLine> ReadLogsAsync(string containerId, LogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        IEnumerable<LogLine> lines = _logs.GetValueOrDefault(containerId, []);
        if (query.Since is { } since)
        {
            lines = lines.Where(l => l.Timestamp >= since);
        }
        if (query.Tail is { } tail)
        {
            lines = lines.TakeLast(tail);
        }
        foreach (var line in lines)
        {
            yield return line;
        }
        if (query.Follow && _workloads.TryGetValue(containerId, out var workload))
        {
            await workload.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels every scheduled end and closes the signal stream.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var workload in _workloads.Values)
        {
            workload.Timer?.Dispose();
        }
        _signals.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private void ScheduleEnd(FakeWorkload workload)
    {
        var behavior = workload.Behavior;
        var oomFirst = behavior.OomAfter is { } oom && (behavior.ExitAfter is null || oom <= behavior.ExitAfter);
        var due = oomFirst ? behavior.OomAfter : behavior.ExitAfter;
        if (due is not { } delay)
        {
            return;
        }
        workload.Timer = time.CreateTimer(_ =>
        {
            if (oomFirst)
            {
                OomKill(workload);
            }
            else
            {
                Finish(workload, behavior.ExitCode, oomKilled: false);
            }
        }, null, delay, Timeout.InfiniteTimeSpan);
    }

    private void OomKill(FakeWorkload workload)
    {
        if (!workload.Running)
        {
            return;
        }
        Emit(new WorkloadOomKilled(workload.Handle.ContainerId, workload.Handle.WorkloadId, time.GetUtcNow()));
        Finish(workload, SignalNames.ExitCodeFor(SignalNames.Kill), oomKilled: true);
    }

    private void Deliver(FakeWorkload workload, int signal)
    {
        if (signal == SignalNames.Kill || !workload.Behavior.HangOnStop && signal is not (SignalNames.Stop or SignalNames.Continue))
        {
            Finish(workload, SignalNames.ExitCodeFor(signal), oomKilled: false);
        }
    }

    private void Finish(FakeWorkload workload, int exitCode, bool oomKilled)
    {
        var now = time.GetUtcNow();
        if (!workload.TryComplete(new WorkloadStatus(false, exitCode, oomKilled, now)))
        {
            return;
        }
        workload.Timer?.Dispose();
        workload.Timer = null;
        Emit(new WorkloadExited(workload.Handle.ContainerId, workload.Handle.WorkloadId, now, exitCode, oomKilled));
    }

    private FakeWorkload? Find(WorkloadHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return _workloads.TryGetValue(handle.ContainerId, out var workload) && workload.Handle.WorkloadId == handle.WorkloadId ? workload : null;
    }

    private FakeWorkload Running(WorkloadHandle handle) =>
        Find(handle) is { Running: true } workload
            ? workload
            : throw new RuntimeOperationException($"container {handle.ContainerId} has no running workload {handle.WorkloadId}");

    private FakeWorkload RunningOf(string containerId) =>
        _workloads.TryGetValue(containerId, out var workload) && workload.Running
            ? workload
            : throw new InvalidOperationException($"container {containerId} has no running fake workload");

    private void Emit(RuntimeSignal signal) => _signals.Writer.TryWrite(signal);
}
