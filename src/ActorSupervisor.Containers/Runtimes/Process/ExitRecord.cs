using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// The file in a container's log directory where the keeper of its latest workload (the shim that stays as the
/// workload's parent, see <see cref="LaunchContext"/>) writes the workload's pid at its start, then its exit code when
/// it ends. The keeper outlives the node, so a workload that ends while no node runs still has its code on record, and
/// the file's modification time is when it ended.
/// </summary>
internal sealed class ExitRecord
{
    // How long a keeper may take to fork its workload: a loaded host can take a while to start a shell.
    private static readonly TimeSpan PidPatience = TimeSpan.FromSeconds(10);

    private ExitRecord(string path) => Path = path;

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The record of the container whose log directory is <paramref name="directory"/>.</summary>
    public static ExitRecord In(string directory) => new(System.IO.Path.Combine(directory, "exit"));

    /// <summary>
    /// Replaces the previous workload's record with an empty one, before a new workload starts: private to the node's user
    /// (the keeper writes into it, keeping its mode, so the workload's umask stays its own).
    /// </summary>
    public void Prepare()
    {
        Logs.ContainerLog.ReplacePrivate(Path).Dispose();
    }

    /// <summary>
    /// The pid of the workload the keeper <paramref name="keeperExit"/> forks, once it is on record; null when the keeper
    /// ended without forking one (its exit tells why).
    /// </summary>
    /// <exception cref="RuntimeOperationException">The keeper forked nothing within <see cref="PidPatience"/>.</exception>
    public async Task<int?> WorkloadPidAsync(Task keeperExit)
    {
        var deadline = DateTime.UtcNow + PidPatience;
        while (true)
        {
            var ended = keeperExit.IsCompleted;
            if (ReadLines() is [var first, ..] && ParsePid(first) is { } pid)
            {
                return pid;
            }
            if (ended)
            {
                return null;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new RuntimeOperationException($"the workload's keeper forked no workload within {PidPatience.TotalSeconds:0} s");
            }
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How the workload <paramref name="pid"/> ended, when its keeper recorded it: its code (128 + the signal for a
    /// signal) and when. Null when the record is of another workload, or holds no code (the keeper was killed with it).
    /// </summary>
    public (int Code, DateTimeOffset EndedAt)? Read(int pid)
    {
        if (ReadLines() is not [var first, var second, ..] || ParsePid(first) != pid
            || !int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return null;
        }
        try
        {
            return (code, File.GetLastWriteTimeUtc(Path));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The workload on record while it has not ended (its pid, no code yet); null otherwise.</summary>
    public int? Running() => ReadLines() is [var first] && ParsePid(first) is { } pid && ProcStat.Read(pid) is { HasExited: false } ? pid : null;

    /// <summary>
    /// The keeper of the workload on record while both run (the workload's parent, which leads its process group); null
    /// otherwise. Checking both ties the pid to the keeper: a pid the kernel gave to another process since is not one.
    /// </summary>
    public int? Keeper() =>
        Running() is { } pid && ProcStat.Read(pid) is { } workload && workload.ParentPid == workload.ProcessGroup
        && ProcStat.Read(workload.ParentPid) is { HasExited: false } ? workload.ParentPid : null;

    /// <summary>The record's complete lines: a line the keeper is still writing is not one yet.</summary>
    private string[]? ReadLines()
    {
        try
        {
            var text = File.ReadAllText(Path);
            return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? ParsePid(string line) =>
        int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
}
