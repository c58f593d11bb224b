using Microsoft.Extensions.Logging;
using OsProcess = System.Diagnostics.Process;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>How the process runtime sees workloads end: its own children by their reaped status, adopted ones and OOM kills by polling.</summary>
public sealed partial class ProcessRuntime
{
    private static readonly TimeSpan CleanupPatience = TimeSpan.FromSeconds(2);

    // SIGKILLed processes that were never this runtime's children can take seconds to be torn down on a loaded host
    // (a CI run on two busy cores saw more than 2 s).
    private static readonly TimeSpan StrayPatience = TimeSpan.FromSeconds(10);

    // How long an adopted workload's keeper may take to record the exit once the workload is gone (a shell's wake-up and
    // one write; a workload whose keeper was killed with it has no record, and its code stays unknown).
    private static readonly TimeSpan KeeperPatience = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeeperPoll = TimeSpan.FromMilliseconds(20);

    private async Task WatchChildAsync(ProcessWorkload workload, Task<ChildExit> exit)
    {
        // The keeper exits with its workload's code, 128 + the signal for a signal, as Docker reports it.
        var (exitCode, ended) = await exit.ConfigureAwait(false);
        await FinishAsync(workload, exitCode, ended is { } timestamp ? _time.GetUtcNow() - System.Diagnostics.Stopwatch.GetElapsedTime(timestamp) : null).ConfigureAwait(false);
    }

    /// <summary>
    /// After the workload's main process has ended: kills what it left behind (its group and cgroup), drains its
    /// output, removes its cgroup, and reports OOM and exit in that order, at <paramref name="endedAt"/> when the kernel
    /// or its keeper said when it ended, else when it was seen.
    /// </summary>
    private async Task FinishAsync(ProcessWorkload workload, int? exitCode, DateTimeOffset? endedAt)
    {
        if (_disposing.IsCancellationRequested || !workload.TryBeginFinish())
        {
            return;
        }
        long oomKills = 0;
        try
        {
            oomKills = await CleanUpAsync(workload).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or RuntimeOperationException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Cleanup trouble must not hide the exit from the supervisor.
            _logger.LogError(e, "Container {ContainerId}: cleanup after exit failed", workload.Handle.ContainerId);
        }
        var ended = endedAt ?? _time.GetUtcNow();
        ReportOomKills(workload, oomKills, ended);
        var status = new WorkloadStatus(false, exitCode, oomKills > 0, ended);
        _finished[workload.Handle.ContainerId] = (workload.Handle.WorkloadId, status);
        _running.TryRemove(new KeyValuePair<string, ProcessWorkload>(workload.Handle.ContainerId, workload));
        Emit(new WorkloadExited(workload.Handle.ContainerId, workload.Handle.WorkloadId, ended, exitCode, status.OomKilled));
        workload.Complete(status);
    }

    /// <summary>Kills what is left of the workload, drains its output and removes its cgroup; returns its OOM kills.</summary>
    private async Task<long> CleanUpAsync(ProcessWorkload workload)
    {
        try
        {
            Native.KillGroup(workload.Group, SignalNames.Kill);
            workload.Cgroup?.KillAll();
            var oomKills = workload.Cgroup?.ReadOomKills() ?? 0;
            // An empty cgroup goes at once (the usual case, on the restart path): only a busy one is waited for off this thread.
            if (workload.Cgroup is { } cgroup && !cgroup.TryRemove(TimeSpan.Zero)
                && !await Task.Run(() => cgroup.TryRemove(CleanupPatience)).ConfigureAwait(false))
            {
                _logger.LogWarning("Container {ContainerId}: cgroup could not be removed, a process is stuck in it", workload.Handle.ContainerId);
            }
            workload.Pipes?.CloseWriters();
            try
            {
                // WaitAsync drops its timer when the output ends first (a Task.Delay would stay armed, and fire, after every exit).
                await workload.Pumps.WaitAsync(CleanupPatience, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Container {ContainerId}: output still open after the exit (a process left the cgroup); closing it", workload.Handle.ContainerId);
            }
            return oomKills;
        }
        finally
        {
            workload.Pipes?.Dispose();
            workload.Log.EndWorkload();
        }
    }

    private async Task FinishAdoptedAsync(ProcessWorkload workload)
    {
        var recorded = RecordedExit(workload.Handle.ContainerId, workload.Pid);
        for (var waited = TimeSpan.Zero; recorded is null && waited < KeeperPatience; waited += KeeperPoll)
        {
            // Seen gone, but its keeper (woken by the same exit) may not have written the code yet.
            await Task.Delay(KeeperPoll, _time).ConfigureAwait(false);
            recorded = RecordedExit(workload.Handle.ContainerId, workload.Pid);
        }
        await FinishAsync(workload, recorded?.Code, recorded?.EndedAt).ConfigureAwait(false);
    }

    private void ReportOomKills(ProcessWorkload workload, long oomKills, DateTimeOffset now)
    {
        // Emitted under the lock, so that the exit, reported after this call, never overtakes it.
        lock (workload.Gate)
        {
            if (oomKills > workload.OomKillsReported)
            {
                workload.OomKillsReported = oomKills;
                Emit(new WorkloadOomKilled(workload.Handle.ContainerId, workload.Handle.WorkloadId, now));
            }
        }
    }

    /// <summary>Lets the monitor know that <paramref name="workload"/>, just added, may need polling.</summary>
    private void WakeMonitorFor(ProcessWorkload workload)
    {
        // One pending release is enough to wake it; more would only make it loop for nothing later.
        if (workload.NeedsPolling && _monitorNeeded.CurrentCount == 0)
        {
            _monitorNeeded.Release();
        }
    }

    /// <summary>
    /// One loop for all workloads, so watching costs no thread or timer per workload. It ticks only while a workload
    /// needs polling (<see cref="ProcessWorkload.NeedsPolling"/>): children it started report their exits through
    /// SIGCHLD, so a node running only those, without memory limits, is not woken at all.
    /// </summary>
    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (!_running.Values.Any(w => w.NeedsPolling))
                {
                    // A workload added since the check above has released the semaphore: this returns at once.
                    await _monitorNeeded.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await Task.Delay(_options.MonitorInterval, _time, cancellationToken).ConfigureAwait(false);
                foreach (var workload in _running.Values)
                {
                    if (workload.Child is null && !ProcStat.IsAlive(workload.Pid, workload.Handle.StartTicks))
                    {
                        // Adopted: not this runtime's child, but its keeper's, which recorded how it ended (moments from now).
                        _ = FinishAdoptedAsync(workload);
                    }
                    else if (workload.MemoryLimited)
                    {
                        ReportOomKills(workload, workload.Cgroup!.ReadOomKills(), _time.GetUtcNow());
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
