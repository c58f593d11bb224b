using System.Runtime.InteropServices;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// The few libc calls the process runtime needs and the BCL does not offer; starting and reaping workloads have rooms of
/// their own (<see cref="Process.SessionSpawn"/>, <see cref="Process.ChildReaper"/>).
/// </summary>
internal static class Native
{
    private const int ESRCH = 3;
    private const int EEXIST = 17;
    private const int O_WRONLY = 0x1;
    private const int O_RDWR = 0x2;
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int SysMkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int SysOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int SysClose(int fd);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int SysFcntl(int fd, int command, int argument);

    private const int F_SETPIPE_SZ = 1031;

    /// <summary>Sends <paramref name="signal"/> to the process group led by <paramref name="pgid"/>; false when the group is gone.</summary>
    public static bool KillGroup(int pgid, int signal) => Kill(-pgid, signal);

    /// <summary>Sends <paramref name="signal"/> to one process; false when it is gone.</summary>
    public static bool Kill(int pid, int signal)
    {
        if (SysKill(pid, signal) == 0)
        {
            return true;
        }
        var errno = Marshal.GetLastPInvokeError();
        return errno == ESRCH
            ? false
            : throw new RuntimeOperationException($"kill({pid}, {SignalNames.ToName(signal)}) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>Creates a FIFO at <paramref name="path"/> unless one is there already.</summary>
    public static void MakeFifo(string path)
    {
        if (SysMkfifo(path, 0b110_000_000) == 0)
        {
            return;
        }
        var errno = Marshal.GetLastPInvokeError();
        if (errno != EEXIST)
        {
            throw new RuntimeOperationException($"cannot create the output pipe {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    /// <summary>
    /// Opens a FIFO without blocking: for reading (<paramref name="write"/> false) even when no writer is there, for
    /// writing once a reader is open. Close-on-exec, so no workload inherits it.
    /// </summary>
    public static int OpenFifo(string path, bool write) => OpenFifoWith(path, write ? O_WRONLY : 0);

    /// <summary>Opens the FIFO at <paramref name="path"/> for reading and writing (never blocks, and never sees its end).</summary>
    public static int OpenFifoBothWays(string path) => OpenFifoWith(path, O_RDWR);

    private static int OpenFifoWith(string path, int access)
    {
        var fd = SysOpen(path, access | O_NONBLOCK | O_CLOEXEC, 0);
        return fd >= 0
            ? fd
            : throw new RuntimeOperationException($"cannot open the output pipe {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>
    /// Asks for a pipe of <paramref name="bytes"/> (the kernel rounds up to a power of two pages); a refusal (over
    /// <c>/proc/sys/fs/pipe-max-size</c> without the privilege, or over the user's pipe pages) leaves it as it was.
    /// </summary>
    public static void SetPipeCapacity(int fd, int bytes) => SysFcntl(fd, F_SETPIPE_SZ, bytes);

    /// <summary>Closes a descriptor (from <see cref="OpenFifo"/>, or the reaper's pidfds).</summary>
    public static void Close(int fd) => SysClose(fd);
}
