using System.Globalization;

namespace ActorSupervisor.Runtimes.Tests.Support;

/// <summary>The children of a process, as its main thread's <c>/proc/PID/task/PID/children</c> lists them.</summary>
public static class ProcChildren
{
    /// <summary>The pids of <paramref name="pid"/>'s children; none when it has ended.</summary>
    public static IReadOnlyList<int> Of(int pid)
    {
        var path = $"/proc/{pid}/task/{pid}/children";
        return File.Exists(path)
            ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray()
            : [];
    }
}
