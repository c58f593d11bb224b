using System.Runtime.InteropServices;
using ActorSupervisor.Containers.Runtimes.Logs;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// The output drain: while no node runs, it reads the output of the node's process workloads into their logs, as the
/// node would, so that a workload never blocks on a full pipe and its lines carry the time they were written (give or
/// take the drain's own start, a fraction of a second after the node is gone, which the pipes' buffers cover). The
/// node's <see cref="OutputDrainWatcher"/> starts it when the node is gone; the next node stops it (SIGTERM: it logs
/// what it has read, a line cut short included, and ends) before it reads the pipes itself. It ends by itself once
/// every workload it drains has ended and its output is read.
/// </summary>
public static class OutputDrain
{
    /// <summary>The node's command-line flag that runs the drain over the log directory that follows it.</summary>
    public const string Flag = "--drain-output";

    private static readonly TimeSpan EndCheck = TimeSpan.FromSeconds(1);

    /// <summary>Drains every running workload's pipes under <paramref name="logDirectory"/> until they end or SIGTERM.</summary>
    /// <returns>The process's exit code: 0.</returns>
    public static async Task<int> RunAsync(string logDirectory)
    {
        using var stop = new CancellationTokenSource();
        // First of all: a node that starts meanwhile stops the drain, which must then log all it read.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var drains = Directory.EnumerateDirectories(logDirectory)
            .Where(OutputPipes.ExistIn)
            .Select(directory => (Directory: directory, Pid: ExitRecord.In(directory).Running()))
            .Where(found => found.Pid is not null)
            .Select(found => Drain.TryOpen(found.Directory, found.Pid!.Value, stop.Token))
            .OfType<Drain>()
            .ToList();
        while (drains.Any(d => !d.Pumps.IsCompleted) && !stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(EndCheck, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            foreach (var drain in drains.Where(d => !ProcStat.IsAlive(d.Pid, d.StartTicks)))
            {
                // Ended: once its keeper and what it left are gone too, the pipes reach their end and the pumps stop.
                drain.Pipes.CloseWriters();
            }
        }
        await Task.WhenAll(drains.Select(d => d.Pumps)).ConfigureAwait(false);
        foreach (var drain in drains)
        {
            drain.Pipes.Dispose();
            drain.Log.Dispose();
        }
        return 0;
    }

    private sealed record Drain(int Pid, long StartTicks, ContainerLog Log, OutputPipes Pipes, Task Pumps)
    {
        /// <summary>The drain of one container's pipes; null when they cannot be opened (one container's trouble is not the others').</summary>
        public static Drain? TryOpen(string directory, int pid, CancellationToken stop)
        {
            try
            {
                return Open(directory, pid, stop);
            }
            catch (Exception e) when (e is RuntimeOperationException or IOException or UnauthorizedAccessException)
            {
                // Removed meanwhile, or its pipes unusable: the next node adopts it and says what is wrong.
                return null;
            }
        }

        private static Drain Open(string directory, int pid, CancellationToken stop)
        {
            var defaults = new ProcessRuntimeOptions();
            var (maxBytes, maxFiles) = LogSettings.Read(directory) ?? (defaults.LogMaxBytes, defaults.LogMaxFiles);
            var log = new ContainerLog(directory, maxBytes, maxFiles, tailLines: 0, TimeProvider.System);
            // Holding write ends of its own, it never sees the end of a pipe (nor spins on one) while the workload runs.
            var pipes = OutputPipes.Open(directory);
            return new Drain(pid, ProcStat.Read(pid)?.StartTicks ?? 0, log, pipes, pipes.PumpInto(log, stop));
        }
    }
}
