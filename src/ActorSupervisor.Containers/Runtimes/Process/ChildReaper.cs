using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// Reaps the workloads <see cref="SessionSpawn"/> started: on every SIGCHLD it collects the exit status of each child
/// it watches that has ended. .NET reaps only the children of its Process class (on the same signal, which a handler
/// registered here does not take from it), so exec and probe processes stay its own.
/// </summary>
internal static class ChildReaper
{
    private const int WNOHANG = 1;
    private static readonly ConcurrentDictionary<int, TaskCompletionSource<int>> Children = new();
    private static readonly PosixSignalRegistration? Registration;

    // The process runtime runs on Linux only; the guard keeps the analyzer's platform check true to that.
    static ChildReaper() => Registration = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapEnded());

    [DllImport("libc", EntryPoint = "waitpid")]
    private static extern int SysWaitPid(int pid, out int status, int options);

    /// <summary>The exit of child <paramref name="pid"/>: its code, or 128 + the signal that killed it (Docker's and the shell's rule).</summary>
    public static Task<int> Watch(int pid)
    {
        GC.KeepAlive(Registration);
        var exit = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Children[pid] = exit;
        // Its SIGCHLD may have been handled before it was in the table.
        TryReap(pid, exit);
        return exit.Task;
    }

    private static void ReapEnded()
    {
        foreach (var (pid, exit) in Children)
        {
            TryReap(pid, exit);
        }
    }

    private static void TryReap(int pid, TaskCompletionSource<int> exit)
    {
        // Only one caller gets the status (the other sees no child), so the exit is set once.
        if (SysWaitPid(pid, out var status, WNOHANG) != pid)
        {
            return;
        }
        Children.TryRemove(pid, out _);
        var signal = status & 0x7f;
        exit.TrySetResult(signal == 0 ? (status >> 8) & 0xff : SignalNames.ExitCodeFor(signal));
    }
}
