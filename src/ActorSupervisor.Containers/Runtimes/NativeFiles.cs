using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>The libc calls behind a workload's output spool: freeing what was read, finding what was not, watching for more.</summary>
internal static class NativeFiles
{
    private const int FALLOC_FL_KEEP_SIZE = 0x01;
    private const int FALLOC_FL_PUNCH_HOLE = 0x02;
    private const int SEEK_DATA = 3;
    private const int ENXIO = 6;
    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const int IN_NONBLOCK = 0x800;
    private const int IN_CLOEXEC = 0x80000;
    private const short POLLIN = 0x1;

    /// <summary>inotify's "the file was written".</summary>
    public const uint InModify = 0x2;

    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static extern int SysFallocate(SafeFileHandle fd, int mode, long offset, long length);

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static extern long SysLseek(SafeFileHandle fd, long offset, int whence);

    [DllImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static extern int SysInotifyInit(int flags);

    [DllImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true)]
    private static extern int SysInotifyAddWatch(int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mask);

    [DllImport("libc", EntryPoint = "inotify_rm_watch", SetLastError = true)]
    private static extern int SysInotifyRmWatch(int fd, int wd);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int SysPoll(ref PollFd fds, nuint count, int timeoutMs);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint SysRead(int fd, ref byte buffer, nuint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int SysClose(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>
    /// Frees the bytes [<paramref name="offset"/>, +<paramref name="length"/>) of a file, which then read as zeros (a hole);
    /// false when the file system cannot punch holes.
    /// </summary>
    public static bool PunchHole(SafeFileHandle file, long offset, long length) =>
        length <= 0 || SysFallocate(file, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) == 0;

    /// <summary>Where the first data at or after <paramref name="offset"/> is (holes skipped); null when there is none.</summary>
    public static long? NextData(SafeFileHandle file, long offset)
    {
        var at = SysLseek(file, offset, SEEK_DATA);
        if (at >= 0)
        {
            return at;
        }
        return Marshal.GetLastPInvokeError() == ENXIO ? null : offset;
    }

    /// <summary>A new inotify instance (non-blocking, close-on-exec).</summary>
    public static int InotifyInit()
    {
        var fd = SysInotifyInit(IN_NONBLOCK | IN_CLOEXEC);
        return fd >= 0 ? fd : throw new RuntimeOperationException($"inotify_init1 failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>Watches <paramref name="path"/>; the watch descriptor, or -1 when the file is gone.</summary>
    public static int InotifyAddWatch(int fd, string path, uint mask) => SysInotifyAddWatch(fd, path, mask);

    /// <summary>Ends a watch.</summary>
    public static void InotifyRemoveWatch(int fd, int wd) => SysInotifyRmWatch(fd, wd);

    /// <summary>Waits up to <paramref name="timeoutMs"/> for <paramref name="fd"/> to be readable.</summary>
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var poll = new PollFd { Fd = fd, Events = POLLIN };
        return SysPoll(ref poll, 1, timeoutMs) > 0;
    }

    /// <summary>Reads what is there without blocking; 0 when nothing is.</summary>
    public static int ReadAvailable(int fd, byte[] buffer)
    {
        var read = SysRead(fd, ref buffer[0], (nuint)buffer.Length);
        if (read >= 0)
        {
            return (int)read;
        }
        var errno = Marshal.GetLastPInvokeError();
        return errno is EAGAIN or EINTR ? 0 : throw new IOException($"read failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>Closes a descriptor.</summary>
    public static void Close(int fd) => SysClose(fd);
}
