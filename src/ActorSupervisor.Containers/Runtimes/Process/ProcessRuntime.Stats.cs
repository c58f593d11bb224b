using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary><c>stats</c>: the workload's cgroup for memory and its processes, <c>/proc</c> for CPU time and block I/O.</summary>
public sealed partial class ProcessRuntime
{
    // The kernel reports CPU times in USER_HZ ticks, which Linux fixes at 100 per second for user space on every architecture.
    private const double TicksPerSecond = 100;

    /// <inheritdoc />
    public async Task<WorkloadStats?> StatsAsync(WorkloadHandle handle, CancellationToken cancellationToken = default)
    {
        if (await FindOrAdoptAsync(handle, cancellationToken).ConfigureAwait(false) is not { } workload)
        {
            return null;
        }
        // The cgroup holds everything the workload forked, a daemonized child too; without one, the workload's own process.
        var pids = workload.Cgroup?.Pids() is { Count: > 0 } inCgroup ? inCgroup : [workload.Pid];
        long ticks = 0, resident = 0, read = 0, written = 0;
        var counted = 0;
        foreach (var pid in pids)
        {
            if (ProcUsage.Read(pid) is not { } usage)
            {
                continue;
            }
            counted++;
            ticks += usage.CpuTicks;
            resident += usage.ResidentBytes;
            read += usage.ReadBytes;
            written += usage.WriteBytes;
        }
        return new WorkloadStats(
            _time.GetUtcNow(),
            TimeSpan.FromSeconds(ticks / TicksPerSecond),
            workload.Cgroup?.ReadMemoryUsage() ?? resident,
            workload.Cgroup?.ReadMemoryLimit(),
            counted,
            read,
            written,
            NetReceivedBytes: null,
            NetSentBytes: null);
    }
}

/// <summary>One process's CPU ticks (its own and its reaped children's), resident memory and block I/O from <c>/proc</c>.</summary>
internal readonly record struct ProcUsage(long CpuTicks, long ResidentBytes, long ReadBytes, long WriteBytes)
{
    /// <summary>The usage of <paramref name="pid"/>, or null when it is gone.</summary>
    public static ProcUsage? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime are fields 14 to 17; rss (pages) is 24.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = Field(rest, 11) + Field(rest, 12) + Field(rest, 13) + Field(rest, 14);
            var resident = Field(rest, 21) * Environment.SystemPageSize;
            long read = 0, written = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/io"))
            {
                if (line.StartsWith("read_bytes:", StringComparison.Ordinal))
                {
                    read = long.Parse(line["read_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                {
                    written = long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
            }
            return new ProcUsage(ticks, resident, read, written);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Field(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
}
