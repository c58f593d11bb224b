using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// Starts the <see cref="OutputDrain"/> the moment the node is gone (killed, crashed, stopped): a shell in its own
/// session waits on a FIFO (the lifeline) whose only write end the node holds, so it sleeps without a wake-up until
/// the node's end closes it, then becomes the drain. A node that starts stops the drain its predecessor left (or that
/// predecessor's watcher), which first logs what it read, before it reads the pipes itself.
/// </summary>
internal sealed class OutputDrainWatcher : IDisposable
{
    /// <summary>The watcher's name in its command line (<c>$0</c>), by which a node finds its predecessor's.</summary>
    private const string ProcessName = "asv-drain";

    // How long a stopped drain may take to log what it read (a loaded host; it has read at most a pipe's worth per stream).
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(10);

    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        exec 3<"$1"; shift
        read -r _ <&3
        exec 3<&-
        exec "$@"
        """;

    private readonly int _lifeline;
    private readonly System.Diagnostics.Process _watcher;

    private OutputDrainWatcher(int lifeline, System.Diagnostics.Process watcher)
    {
        _lifeline = lifeline;
        _watcher = watcher;
    }

    /// <summary>
    /// Stops what a previous node left over <paramref name="logDirectory"/> (waiting until the drain has logged what it
    /// read), then starts this node's watcher, which runs <paramref name="drainCommand"/> with <see cref="OutputDrain.Flag"/>
    /// and the directory once the node is gone, in a session of its own through <paramref name="setsid"/>.
    /// </summary>
    /// <exception cref="RuntimeOperationException">The watcher cannot be started.</exception>
    public static OutputDrainWatcher Start(string logDirectory, IReadOnlyList<string> drainCommand, string setsid, ILogger logger)
    {
        var pidFile = Path.Combine(logDirectory, "drain.pid");
        StopPrevious(pidFile, logDirectory, logger);
        var lifelinePath = Path.Combine(logDirectory, "drain.lifeline");
        Native.MakeFifo(lifelinePath);
        // Read and write: the open never waits for the watcher, and the watcher's read sees the end only once this closes.
        var lifeline = Native.OpenFifoBothWays(lifelinePath);
        var start = new ProcessStartInfo(setsid) { UseShellExecute = false };
        foreach (var argument in new[] { "/bin/sh", "-c", Script, ProcessName, lifelinePath }.Concat(drainCommand).Concat([OutputDrain.Flag, logDirectory]))
            start.ArgumentList.Add(argument);
        System.Diagnostics.Process? watcher = null;
        try
        {
            watcher = System.Diagnostics.Process.Start(start) ?? throw new RuntimeOperationException("the output drain's watcher could not be started");
            // Like everything in the log directory, the node's owner's alone.
            using var writer = new StreamWriter(Logs.ContainerLog.ReplacePrivate(pidFile));
            writer.Write(watcher.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            watcher?.Kill();
            watcher?.Dispose();
            Native.Close(lifeline);
            throw new RuntimeOperationException($"the output drain's watcher could not be started: {e.Message}", e);
        }
        return new OutputDrainWatcher(lifeline, watcher);
    }

    /// <summary>No workload runs: the watcher goes, and no drain starts (a .NET start for nothing at every orderly stop).</summary>
    public void Cancel()
    {
        try
        {
            _watcher.Kill();
            _watcher.WaitForExit(StopPatience);
        }
        catch (InvalidOperationException)
        {
            // ended already
        }
        Dispose();
    }

    /// <summary>The node stops reading its workloads' output: the drain takes over at once.</summary>
    public void Dispose()
    {
        Native.Close(_lifeline);
        _watcher.Dispose();
    }

    private static void StopPrevious(string pidFile, string logDirectory, ILogger logger)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return;
        try
        {
            // Only a watcher or drain of this very directory: the pid may have been reused since.
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            if (!commandLine.Contains(OutputDrain.Flag, StringComparison.Ordinal) || !commandLine.Contains(logDirectory, StringComparison.Ordinal)) return;
            var startTicks = ProcStat.Read(pid)?.StartTicks ?? 0;
            Native.Kill(pid, SignalNames.Term);
            if (!Ended(pid, startTicks))
            {
                logger.LogWarning("Output drain {Pid}: still running {Patience} after SIGTERM; killed (a line it was reading may be lost)", pid, StopPatience);
                Native.Kill(pid, SignalNames.Kill);
                Ended(pid, startTicks);
            }
            logger.LogInformation("Output drain {Pid} of a previous run of this node stopped: the node reads its workloads' output again", pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RuntimeOperationException)
        {
            // gone already
        }
    }

    /// <summary>Waits up to <see cref="StopPatience"/> for <paramref name="pid"/> (not this node's child: its parent reaps it) to end.</summary>
    private static bool Ended(int pid, long startTicks)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StopPatience.TotalSeconds * Stopwatch.Frequency);
        while (ProcStat.IsAlive(pid, startTicks))
        {
            if (Stopwatch.GetTimestamp() > deadline) return false;
            Thread.Sleep(20);
        }
        return true;
    }
}
