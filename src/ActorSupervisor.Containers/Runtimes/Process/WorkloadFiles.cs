using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// What a workload's shim leaves in its container's log directory, named by the shim's pid (the workload id):
/// PID.spool (its output, see <see cref="Logs.OutputSpool"/>), PID.keepers (the pids of the two keepers writing it)
/// and, once the program has ended, PID.exit (its exit code; the file's modification time is when it ended).
/// These outlive the node, so a node that was stopped or down learns what happened meanwhile.
/// </summary>
internal static class WorkloadFiles
{
    /// <summary>The FIFO the workload's stdout goes to (its keeper reads it).</summary>
    public const string StdoutPipe = "stdout.pipe";

    /// <summary>The FIFO of its stderr.</summary>
    public const string StderrPipe = "stderr.pipe";

    /// <summary>
    /// Fresh pipes for a new workload: the old ones are unlinked first, so a keeper of an earlier workload still
    /// draining a process that escaped its cgroup keeps its pipe and never takes the new workload's output.
    /// </summary>
    public static void CreatePipes(string directory)
    {
        foreach (var name in new[] { StdoutPipe, StderrPipe })
        {
            var path = Path.Combine(directory, name);
            File.Delete(path);
            Native.MakeFifo(path);
        }
    }

    /// <summary>The spool of the workload with shim pid <paramref name="pid"/>.</summary>
    public static string Spool(string directory, int pid) => PathOf(directory, pid, "spool");

    /// <summary>Whether the workload was started through the keeping shim (a workload adopted from an older node was not).</summary>
    public static bool HasSpool(string directory, int pid) => File.Exists(Spool(directory, pid));

    /// <summary>The exit code the shim recorded and when (the record's modification time); null when it recorded none (it was killed).</summary>
    public static (int Code, DateTimeOffset At)? ReadExit(string directory, int pid)
    {
        var path = PathOf(directory, pid, "exit");
        try
        {
            var text = File.ReadAllText(path).Trim();
            var at = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? (code, at) : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the workload's keepers have written their last record and ended (they end once no process holds
    /// the pipes); false if one still runs after <paramref name="patience"/> (a process that escaped the cgroup).
    /// </summary>
    public static async Task<bool> KeepersEndedAsync(string directory, int pid, TimeSpan patience, TimeProvider time, CancellationToken cancellationToken = default)
    {
        int[] keepers;
        try
        {
            keepers = File.ReadAllText(PathOf(directory, pid, "keepers"))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0).Where(k => k > 0).ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
        var deadline = time.GetUtcNow() + patience;
        while (keepers.Any(k => ProcStat.Read(k) is { HasExited: false }))
        {
            if (time.GetUtcNow() > deadline)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Removes the exit record and the keepers' pids (the spool goes with its reader).</summary>
    public static void DeleteRecords(string directory, int pid)
    {
        File.Delete(PathOf(directory, pid, "exit"));
        File.Delete(PathOf(directory, pid, "keepers"));
    }

    private static string PathOf(string directory, int pid, string kind) => Path.Combine(directory, pid.ToString(CultureInfo.InvariantCulture) + "." + kind);
}
