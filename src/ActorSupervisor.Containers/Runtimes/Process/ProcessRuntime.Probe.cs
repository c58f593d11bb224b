using ActorSupervisor.Containers.Domain;
using OsProcess = System.Diagnostics.Process;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>Health probes: run beside the workload, as it runs, in their own process group.</summary>
public sealed partial class ProcessRuntime
{
    private static readonly TimeSpan OutputPatience = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async Task<ProbeResult> ExecProbeAsync(WorkloadHandle handle, CommandLine probe, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ProbeOutput.CheckRequest(probe, timeout);
        var workload = await FindOrAdoptAsync(handle, cancellationToken).ConfigureAwait(false) ?? throw NotRunning(handle);
        var started = _time.GetTimestamp();
        OsProcess process;
        try
        {
            // The probe joins the workload's cgroup as a Docker exec does: its memory counts, and the workload's end ends it.
            process = OsProcess.Start(workload.Context.StartInfo(_setsid, probe.ToArgv(), workload.Cgroup))!;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: cannot start probe {probe}: {e.Message}", e);
        }
        using (process)
        {
            var output = new ProbeOutput();
            using var reading = new CancellationTokenSource();
            var readers = Task.WhenAll(
                output.ReadFromAsync(process.StandardOutput.BaseStream, reading.Token),
                output.ReadFromAsync(process.StandardError.BaseStream, reading.Token));
            var exited = process.WaitForExitAsync(CancellationToken.None);
            var finished = await Task.WhenAny(exited, Task.Delay(timeout, _time, cancellationToken)).ConfigureAwait(false);
            var timedOut = finished != exited;
            // Whether it ended or timed out, nothing it started may outlive it.
            Native.KillGroup(process.Id, SignalNames.Kill);
            await exited.ConfigureAwait(false);
            if (await Task.WhenAny(readers, Task.Delay(OutputPatience, _time)).ConfigureAwait(false) != readers)
            {
                await reading.CancelAsync().ConfigureAwait(false);
            }
            await readers.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var duration = _time.GetElapsedTime(started);
            return timedOut
                ? ProbeOutput.TimedOut(output.ToString(), duration)
                : new ProbeResult(process.ExitCode, output.ToString(), duration, TimedOut: false);
        }
    }
}
