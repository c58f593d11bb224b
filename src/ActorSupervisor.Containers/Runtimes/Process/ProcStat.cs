using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// What <c>/proc/PID/stat</c> says about a process: its state, its parent, its process group, its start time in clock ticks since
/// boot, which tells a live workload from an unrelated process that got the same pid later, and the CPU it last ran on.
/// </summary>
internal readonly record struct ProcStat(char State, int ParentPid, int ProcessGroup, long StartTicks, int Processor)
{
    /// <summary>A zombie or dead process: it has exited and only waits to be reaped.</summary>
    public bool HasExited => State is 'Z' or 'X' or 'x';

    /// <summary>Reads the stat of <paramref name="pid"/>, or null when no such process exists.</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
        var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcStat(rest[0][0], int.Parse(rest[1], CultureInfo.InvariantCulture), int.Parse(rest[2], CultureInfo.InvariantCulture), long.Parse(rest[19], CultureInfo.InvariantCulture),
            int.Parse(rest[36], CultureInfo.InvariantCulture));
    }

    /// <summary>Whether <paramref name="pid"/> still runs and is the process that started at <paramref name="startTicks"/>.</summary>
    public static bool IsAlive(int pid, long startTicks) =>
        Read(pid) is { HasExited: false } stat && stat.StartTicks == startTicks;
}
