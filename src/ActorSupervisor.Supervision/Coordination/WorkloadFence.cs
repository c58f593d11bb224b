using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>
/// A node's fence: a small watchdog process outside the node (bash, in its own session, no fork per tick) that kills
/// every workload in the node's cgroups once the node's lease deadline has passed. It is what stops the workloads of
/// a node that cannot stop them itself: killed with SIGKILL, frozen with SIGSTOP, or cut off from PostgreSQL. The
/// node moves the deadline (<see cref="Extend"/>) after each lease renewal to the instant it stops trusting its leases,
/// <c>fence-margin</c> before any other node can acquire them; a node that restarts in time takes the fence over and
/// adopts the workloads of the shards it gets back. The watchdog ends itself once the node process is gone and
/// nothing is left to guard (no deadline, or the workloads fenced).
/// </summary>
internal sealed class WorkloadFence : IDisposable
{
    /// <summary>The watchdog's name in its command line (<c>$0</c>), by which a restarted node finds its predecessor's.</summary>
    public const string ProcessName = "asv-fence";

    // Polls every 100 ms: the margin must cover that. A read with a timeout on a FIFO it holds itself sleeps without a fork.
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        deadline_file=$1; node_pid=$2; shift 2
        fifo=$deadline_file.tick
        [ -p "$fifo" ] || mkfifo -m 600 "$fifo" || exit 1
        exec 3<>"$fifo"
        while :; do
          read -r -t 0.1 -u 3 _
          deadline=0
          [ -f "$deadline_file" ] && read -r deadline < "$deadline_file"
          now=${EPOCHREALTIME//[.,]/}
          if (( deadline > 0 && now >= deadline )); then
            for parent in "$@"; do
              for cg in "$parent"/*/; do
                [ -d "$cg" ] || continue
                [ -f "$cg/freezer.state" ] && echo THAWED > "$cg/freezer.state"
                if [ -f "$cg/cgroup.kill" ]; then echo 1 > "$cg/cgroup.kill"
                else while read -r pid; do kill -9 "$pid"; done < "$cg/cgroup.procs"; fi
              done
            done
          fi
          # The node is gone: once nothing is left to guard (no deadline, or its workloads fenced), neither is the watchdog.
          if ! kill -0 "$node_pid"; then (( deadline > 0 && now < deadline )) || exit 0; fi
        done
        """;

    private readonly string _deadlineFile;
    private readonly ILogger _logger;
    private readonly Process _watchdog;
    private readonly Lock _gate = new();

    private WorkloadFence(string deadlineFile, Process watchdog, ILogger logger)
    {
        _deadlineFile = deadlineFile;
        _watchdog = watchdog;
        _logger = logger;
    }

    /// <summary>
    /// Starts the watchdog over <paramref name="cgroupParents"/> with its deadline in <paramref name="directory"/>,
    /// replacing the one a previous run of this node left (its deadline stands until this node renews a lease).
    /// </summary>
    /// <exception cref="InvalidOperationException">bash cannot be started.</exception>
    public static WorkloadFence Start(string directory, IReadOnlyList<string> cgroupParents, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        var deadlineFile = Path.Combine(directory, "fence.deadline");
        var pidFile = Path.Combine(directory, "fence.pid");
        StopPrevious(pidFile, deadlineFile, logger);
        var bash = new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("the workload fence needs bash (5 or later) at /bin/bash");
        var setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.First(File.Exists);
        var start = new ProcessStartInfo(setsid) { UseShellExecute = false };
        foreach (var argument in new[] { bash, "-c", Script, ProcessName, deadlineFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) }.Concat(cgroupParents))
            start.ArgumentList.Add(argument);
        var watchdog = Process.Start(start) ?? throw new InvalidOperationException("the workload fence could not be started");
        File.WriteAllText(pidFile, watchdog.Id.ToString(CultureInfo.InvariantCulture));
        logger.LogInformation("Workload fence {Pid} guards {Cgroups} with deadline file {File}", watchdog.Id, string.Join(", ", cgroupParents), deadlineFile);
        return new WorkloadFence(deadlineFile, watchdog, logger);
    }

    /// <summary>Moves the deadline to <paramref name="deadline"/> (written whole: the watchdog never reads half a file).</summary>
    public void Extend(DateTimeOffset deadline)
    {
        var micros = (deadline.ToUnixTimeMilliseconds() * 1000).ToString(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            try
            {
                var temporary = _deadlineFile + ".new";
                File.WriteAllText(temporary, micros + "\n");
                File.Move(temporary, _deadlineFile, overwrite: true);
            }
            catch (IOException e)
            {
                // The old deadline stands: the watchdog fences early rather than late.
                _logger.LogWarning("Workload fence: the deadline could not be moved ({Error})", e.Message);
            }
        }
    }

    /// <summary>Stops the watchdog (an orderly node stop: the node stopped or handed off its workloads itself).</summary>
    public void Dispose()
    {
        try
        {
            if (!_watchdog.HasExited)
            {
                _watchdog.Kill();
                // Gone before this returns: a restarted host's fence must not run beside this one, not even briefly.
                _watchdog.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // ended already
        }
        _watchdog.Dispose();
    }

    private static void StopPrevious(string pidFile, string deadlineFile, ILogger logger)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return;
        try
        {
            // Only a watchdog of this very deadline file: the pid may have been reused since.
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            if (!commandLine.Contains(ProcessName, StringComparison.Ordinal) || !commandLine.Contains(deadlineFile, StringComparison.Ordinal)) return;
            using var previous = Process.GetProcessById(pid);
            previous.Kill();
            logger.LogInformation("Workload fence {Pid} of a previous run of this node replaced", pid);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            // gone already
        }
    }
}
