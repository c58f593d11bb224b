using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// How a child of the node ended: its code (or 128 + the signal) and, when the kernel told, the moment it ended on the
/// <see cref="Stopwatch"/>'s clock. The moment matters when the node reaps late: a node stopped with SIGSTOP reaps
/// the children that ended meanwhile only when it resumes, seconds after they ended.
/// </summary>
internal readonly record struct ChildExit(int Code, long? EndedTimestamp)
{
    private const int CpuSetBytes = 128; // glibc's cpu_set_t: 1,024 CPUs

    [DllImport("libc", EntryPoint = "sched_getcpu")]
    private static extern int SysGetCpu();

    [DllImport("libc", EntryPoint = "sched_getaffinity")]
    private static extern int SysGetAffinity(int tid, nint size, ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_setaffinity")]
    private static extern int SysSetAffinity(int tid, nint size, ulong[] mask);

    /// <summary>
    /// When <paramref name="pid"/>, an ended child not yet reaped, last ran: its end. The scheduler stamps each task
    /// with the time it last ran (<c>se.exec_start</c> in <c>/proc/PID/sched</c>, in milliseconds of its CPU's task
    /// clock). That clock is per CPU and leaves out the CPU's interrupt and steal time, so it is compared only with
    /// the same CPU's: this thread's own stamp, taken on the child's last CPU (the thread moves there for the read).
    /// The interrupt and steal time between the end and now can only make the end look later, never before it was.
    /// Null when the kernel does not say (no <c>/proc/PID/sched</c>), or the CPU cannot be had.
    /// Call only from a thread of the node's own that nothing else runs on: it moves between CPUs.
    /// </summary>
    public static long? EndOf(int pid)
    {
        if (ProcStat.Read(pid) is not { HasExited: true } stat || LastRan(pid.ToString(CultureInfo.InvariantCulture)) is not { } ended
            || LastRanHereOn(stat.Processor) is not { } self)
        {
            return null;
        }
        var now = Stopwatch.GetTimestamp();
        var agoMs = Math.Max(0, self - ended);
        return now - (long)(agoMs * Stopwatch.Frequency / 1000);
    }

    /// <summary>This thread's stamp in <paramref name="cpu"/>'s clock: read there, the thread moved for it if it runs elsewhere.</summary>
    private static double? LastRanHereOn(int cpu)
    {
        if (SysGetCpu() == cpu)
        {
            return LastRan("thread-self");
        }
        if (cpu is < 0 or >= CpuSetBytes * 8)
        {
            return null;
        }
        var saved = new ulong[CpuSetBytes / 8];
        var only = new ulong[CpuSetBytes / 8];
        only[cpu / 64] = 1UL << (cpu % 64);
        // The kernel moves the thread before the call returns, and its stamp is then that CPU's.
        if (SysGetAffinity(0, CpuSetBytes, saved) != 0 || SysSetAffinity(0, CpuSetBytes, only) != 0)
        {
            return null;
        }
        try
        {
            return LastRan("thread-self");
        }
        finally
        {
            SysSetAffinity(0, CpuSetBytes, saved);
        }
    }

    private static double? LastRan(string task)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{task}/sched"))
            {
                if (line.StartsWith("se.exec_start", StringComparison.Ordinal))
                {
                    return double.Parse(line.AsSpan(line.IndexOf(':') + 1), NumberStyles.Float, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or a kernel without the file: the end is then the time the exit was seen.
        }
        return null;
    }
}
