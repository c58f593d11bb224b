using System.Diagnostics;
using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// How a child of the node ended: its code (or 128 + the signal) and, when the kernel told, the moment it ended on the
/// <see cref="Stopwatch"/>'s clock. The moment matters when the node reaps late: a node stopped with SIGSTOP reaps
/// the children that ended meanwhile only when it resumes, seconds after they ended.
/// </summary>
internal readonly record struct ChildExit(int Code, long? EndedTimestamp)
{
    /// <summary>
    /// When <paramref name="pid"/>, an ended child not yet reaped, last ran: its end. The scheduler stamps each task
    /// with the time it last ran (<c>se.exec_start</c> in <c>/proc/PID/sched</c>, milliseconds on the scheduler's
    /// clock); the calling thread's own stamp, taken just after it woke for this exit, relates that clock to now, so
    /// no two clocks are compared. Null when the kernel does not say (no <c>/proc/PID/sched</c>).
    /// </summary>
    public static long? EndOf(int pid)
    {
        if (LastRan(pid.ToString(CultureInfo.InvariantCulture)) is not { } ended || LastRan("thread-self") is not { } self)
        {
            return null;
        }
        var now = Stopwatch.GetTimestamp();
        var agoMs = Math.Max(0, self - ended);
        return now - (long)(agoMs * Stopwatch.Frequency / 1000);
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
