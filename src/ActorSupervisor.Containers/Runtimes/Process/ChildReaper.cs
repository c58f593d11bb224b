using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// Reaps the workloads <see cref="SessionSpawn"/> started. Each child gets a pidfd, and one thread waits on all of them
/// in an epoll set: an exit wakes it for that child alone, whatever else ends (the probes and execs of .NET's Process
/// class, which .NET reaps itself), so the cost of an exit does not grow with the number of workloads. Where a pidfd
/// cannot be had (a kernel before 5.3, no descriptor left) the child is watched the old way: on every SIGCHLD each such
/// child is tried with <c>waitpid</c> (a handler registered here does not take the signal from .NET).
/// </summary>
internal static class ChildReaper
{
    private const int WNOHANG = 1;
    private const int EINTR = 4;
    private const int EPOLL_CLOEXEC = 0x80000;
    private const int EPOLL_CTL_ADD = 1;
    private const uint EPOLLIN = 1;
    private const long SYS_pidfd_open = 434; // the same number on every architecture (the syscall came after their tables merged)
    private const int BatchSize = 64;

    // struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16): its 64-bit data follows at 4 or 8.
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private static readonly ConcurrentDictionary<int, Watched> Children = new();
    private static readonly ConcurrentDictionary<int, TaskCompletionSource<ChildExit>> Unwatchable = new();
    private static readonly Lazy<int> EpollSet = new(StartWaiting);
    private static readonly Lazy<PosixSignalRegistration?> SignalFallback = new(() =>
        OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapUnwatchable()));

    [DllImport("libc", EntryPoint = "waitpid")]
    private static extern int SysWaitPid(int pid, out int status, int options);

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long SysPidfdOpen(long number, int pid, uint flags);

    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static extern int SysEpollCreate(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static extern int SysEpollCtl(int epfd, int op, int fd, IntPtr eventData);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static extern int SysEpollWait(int epfd, IntPtr events, int maxEvents, int timeout);

    /// <summary>The exit of child <paramref name="pid"/>: its code, or 128 + the signal that killed it (Docker's and the shell's rule), and when it ended.</summary>
    public static Task<ChildExit> Watch(int pid)
    {
        var exit = new TaskCompletionSource<ChildExit>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (EpollSet.Value >= 0 && SysPidfdOpen(SYS_pidfd_open, pid, 0) is var pidfd and >= 0)
        {
            var watched = new Watched(exit, (int)pidfd);
            Children[pid] = watched;
            // Level-triggered: a child that has already ended is reported at once.
            if (Add(EpollSet.Value, (int)pidfd, pid)) return exit.Task;
            Children.TryRemove(KeyValuePair.Create(pid, watched));
            Native.Close((int)pidfd);
        }
        WatchOnSignal(pid, exit);
        return exit.Task;
    }

    private static void WatchOnSignal(int pid, TaskCompletionSource<ChildExit> exit)
    {
        GC.KeepAlive(SignalFallback.Value);
        Unwatchable[pid] = exit;
        // Its SIGCHLD may have been handled before it was in the table.
        if (TryReap(pid, exit)) Unwatchable.TryRemove(KeyValuePair.Create(pid, exit));
    }

    private static bool Add(int epfd, int pidfd, int pid)
    {
        var eventData = Marshal.AllocHGlobal(16);
        try
        {
            Marshal.WriteInt32(eventData, 0, unchecked((int)EPOLLIN));
            Marshal.WriteInt64(eventData, DataOffset, pid);
            return SysEpollCtl(epfd, EPOLL_CTL_ADD, pidfd, eventData) == 0;
        }
        finally
        {
            Marshal.FreeHGlobal(eventData);
        }
    }

    /// <summary>Creates the epoll set and its thread; -1 when the set cannot be made (every child then falls back to SIGCHLD).</summary>
    private static int StartWaiting()
    {
        var epfd = SysEpollCreate(EPOLL_CLOEXEC);
        if (epfd < 0) return -1;
        new Thread(() => WaitForExits(epfd)) { IsBackground = true, Name = "asv-child-reaper" }.Start();
        return epfd;
    }

    private static void WaitForExits(int epfd)
    {
        var events = Marshal.AllocHGlobal(EventSize * BatchSize);
        while (true)
        {
            var ready = SysEpollWait(epfd, events, BatchSize, -1);
            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() == EINTR) continue;
                // Not expected with a valid set; nothing could be reaped from here on, so say why rather than hang every exit.
                throw new InvalidOperationException($"epoll_wait on the child reaper's set failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
            for (var i = 0; i < ready; i++)
            {
                var pid = (int)Marshal.ReadInt64(events, i * EventSize + DataOffset);
                if (!Children.TryGetValue(pid, out var watched)) continue;
                // Removed whatever waitpid says, so a readiness that does not lead to a status cannot spin this loop
                // (closing the pidfd takes it out of the set); such a child is left to SIGCHLD.
                Children.TryRemove(KeyValuePair.Create(pid, watched));
                Native.Close(watched.Pidfd);
                // A readable pidfd means the child has ended: what the kernel says of its end is read before the reap
                // takes its /proc entry away.
                if (!TryReap(pid, watched.Exit, ChildExit.EndOf(pid))) WatchOnSignal(pid, watched.Exit);
            }
        }
    }

    private static void ReapUnwatchable()
    {
        foreach (var (pid, exit) in Unwatchable)
        {
            if (TryReap(pid, exit)) Unwatchable.TryRemove(KeyValuePair.Create(pid, exit));
        }
    }

    /// <summary>
    /// Collects the child's status if it has ended; only one caller gets it (the other sees no child), so the exit is
    /// set once. <paramref name="ended"/>: when it ended, if known (the SIGCHLD path, for old kernels, does not ask).
    /// </summary>
    private static bool TryReap(int pid, TaskCompletionSource<ChildExit> exit, long? ended = null)
    {
        if (SysWaitPid(pid, out var status, WNOHANG) != pid)
        {
            return false;
        }
        var signal = status & 0x7f;
        exit.TrySetResult(new ChildExit(signal == 0 ? (status >> 8) & 0xff : SignalNames.ExitCodeFor(signal), ended));
        return true;
    }

    private sealed record Watched(TaskCompletionSource<ChildExit> Exit, int Pidfd);
}
