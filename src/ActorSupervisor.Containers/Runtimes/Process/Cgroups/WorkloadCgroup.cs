using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Process.Cgroups;

/// <summary>
/// One workload's cgroup: a directory in the memory hierarchy and one in the freezer hierarchy (the same
/// directory under cgroup v2). It holds every process the workload forks, so it is also how a stop reaches all
/// of them, even those that left the process group. Memory and freezer may sit in different versions on a
/// hybrid host.
/// </summary>
internal sealed class WorkloadCgroup(string? memoryDirectory, bool memoryUnified, string? freezerDirectory, bool freezerUnified)
{
    /// <summary>The directories a new process must join (the shim writes its pid to each one's <c>cgroup.procs</c>).</summary>
    public IReadOnlyList<string> Directories { get; } =
        new[] { memoryDirectory, freezerDirectory }.OfType<string>().Distinct().ToArray();

    /// <summary>Whether this cgroup counts memory and OOM kills.</summary>
    public bool HasMemory => memoryDirectory is not null;

    /// <summary>Whether this cgroup can be frozen.</summary>
    public bool HasFreezer => freezerDirectory is not null;

    /// <summary>Whether the directories exist (an adopted workload's cgroup may be gone).</summary>
    public bool Exists => Directories.All(Directory.Exists);

    /// <summary>Creates the directories.</summary>
    public void Create()
    {
        foreach (var directory in Directories)
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RuntimeOperationException($"cannot create cgroup {directory}: {e.Message}", e);
            }
        }
    }

    /// <summary>Limits the workload's memory; the kernel OOM-kills inside the cgroup past it.</summary>
    public void SetMemoryLimit(long bytes)
    {
        if (memoryDirectory is null)
        {
            return;
        }
        var value = bytes.ToString(CultureInfo.InvariantCulture);
        try
        {
            if (memoryUnified)
            {
                File.WriteAllText(Path.Combine(memoryDirectory, "memory.max"), value);
                WriteIfPresent(Path.Combine(memoryDirectory, "memory.swap.max"), "0");
            }
            else
            {
                // With swap on, the limit alone would let the workload swap instead of being OOM-killed. v1 keeps
                // memsw >= limit at every step, so a raise (an update) writes memsw first and a cut writes it last.
                var memsw = Path.Combine(memoryDirectory, "memory.memsw.limit_in_bytes");
                var raising = ReadMemoryLimit() is { } current && bytes > current;
                if (raising) WriteIfPresent(memsw, value);
                File.WriteAllText(Path.Combine(memoryDirectory, "memory.limit_in_bytes"), value);
                if (!raising) WriteIfPresent(memsw, value);
            }
        }
        catch (IOException e)
        {
            throw new RuntimeOperationException($"cannot set the memory limit of {bytes} bytes on {memoryDirectory}: {e.Message}", e);
        }
    }

    /// <summary>The memory the cgroup uses now (page cache included, as its limit counts it); null without a memory cgroup.</summary>
    public long? ReadMemoryUsage() => ReadNumber(memoryUnified ? "memory.current" : "memory.usage_in_bytes");

    /// <summary>The cgroup's memory limit; null without one (v2's <c>max</c>, v1's page-rounded maximum).</summary>
    public long? ReadMemoryLimit() =>
        ReadNumber(memoryUnified ? "memory.max" : "memory.limit_in_bytes") is { } limit && limit < long.MaxValue / 2 ? limit : null;

    private long? ReadNumber(string file)
    {
        if (memoryDirectory is null)
        {
            return null;
        }
        try
        {
            return long.TryParse(File.ReadAllText(Path.Combine(memoryDirectory, file)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>How many processes the kernel OOM-killed in this cgroup so far (0 without a memory cgroup).</summary>
    public long ReadOomKills()
    {
        if (memoryDirectory is null)
        {
            return 0;
        }
        try
        {
            var file = Path.Combine(memoryDirectory, memoryUnified ? "memory.events" : "memory.oom_control");
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith("oom_kill ", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(9), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The cgroup is gone: nothing more was killed in it.
        }
        return 0;
    }

    /// <summary>Freezes every process of the workload and waits until the kernel reports it frozen.</summary>
    public Task FreezeAsync(CancellationToken cancellationToken) => SetFrozenAsync(true, cancellationToken);

    /// <summary>Thaws the workload.</summary>
    public Task ThawAsync(CancellationToken cancellationToken) => SetFrozenAsync(false, cancellationToken);

    /// <summary>The pids in the cgroup (of the memory hierarchy, else the freezer's).</summary>
    public IReadOnlyList<int> Pids()
    {
        var directory = memoryDirectory ?? freezerDirectory!;
        try
        {
            return File.ReadAllLines(Path.Combine(directory, "cgroup.procs"))
                .Where(l => l.Length > 0)
                .Select(l => int.Parse(l, CultureInfo.InvariantCulture))
                .ToArray();
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>SIGKILLs every process in the cgroup, thawing it first so that the kills are delivered.</summary>
    public void KillAll()
    {
        if (!Exists)
        {
            return;
        }
        var kill = Directories.Select(d => Path.Combine(d, "cgroup.kill")).FirstOrDefault(File.Exists);
        if (kill is not null)
        {
            WriteIfPresent(kill, "1");
        }
        else
        {
            // Without cgroup.kill a forking workload may add pids while we kill: repeat until none is left.
            for (var round = 0; round < 10; round++)
            {
                var pids = Pids();
                if (pids.Count == 0)
                {
                    break;
                }
                foreach (var pid in pids)
                {
                    Native.Kill(pid, SignalNames.Kill);
                }
            }
        }
        WriteFreezer(false);
    }

    /// <summary>Removes the directories once their processes are gone, waiting at most <paramref name="patience"/>.</summary>
    public bool TryRemove(TimeSpan patience)
    {
        var deadline = Environment.TickCount64 + (long)patience.TotalMilliseconds;
        foreach (var directory in Directories)
        {
            while (Directory.Exists(directory))
            {
                try
                {
                    Directory.Delete(directory);
                }
                catch (IOException) when (Environment.TickCount64 < deadline)
                {
                    // Busy until the kernel has torn down the last killed process.
                    Thread.Sleep(10);
                }
                catch (IOException)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private async Task SetFrozenAsync(bool frozen, CancellationToken cancellationToken)
    {
        if (freezerDirectory is null)
        {
            throw new InvalidOperationException("this cgroup has no freezer");
        }
        WriteFreezer(frozen);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ReadFrozen() != frozen)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new RuntimeOperationException($"the freezer of {freezerDirectory} did not reach {(frozen ? "frozen" : "thawed")} within 10 s");
            }
            // The kernel freezes task by task; v1 reports FREEZING meanwhile and settles within milliseconds.
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            if (!freezerUnified)
            {
                WriteFreezer(frozen);
            }
        }
    }

    private void WriteFreezer(bool frozen)
    {
        if (freezerDirectory is null || !Directory.Exists(freezerDirectory))
        {
            return;
        }
        if (freezerUnified)
        {
            WriteIfPresent(Path.Combine(freezerDirectory, "cgroup.freeze"), frozen ? "1" : "0");
        }
        else
        {
            WriteIfPresent(Path.Combine(freezerDirectory, "freezer.state"), frozen ? "FROZEN" : "THAWED");
        }
    }

    private bool ReadFrozen()
    {
        try
        {
            return IsFrozen();
        }
        catch (IOException e) when (!Directory.Exists(freezerDirectory))
        {
            throw new RuntimeOperationException("the workload exited meanwhile", e);
        }
    }

    private bool IsFrozen()
    {
        if (freezerUnified)
        {
            return File.ReadLines(Path.Combine(freezerDirectory!, "cgroup.events")).Contains("frozen 1");
        }
        return File.ReadAllText(Path.Combine(freezerDirectory!, "freezer.state")).Trim() == "FROZEN";
    }

    private static void WriteIfPresent(string file, string value)
    {
        try
        {
            if (File.Exists(file))
            {
                File.WriteAllText(file, value);
            }
        }
        catch (IOException) when (!Directory.Exists(Path.GetDirectoryName(file)))
        {
            // The workload ended and its cgroup was removed meanwhile: nothing is left to act on.
        }
    }
}
