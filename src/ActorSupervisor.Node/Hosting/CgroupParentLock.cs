using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Security;
using Microsoft.Win32.SafeHandles;

namespace ActorSupervisor.Node.Hosting;

/// <summary>
/// One live node per process-runtime cgroup parent on a machine. With shard leases a node kills every workload under
/// its parent that it does not host, so two nodes sharing a parent kill each other's workloads. The node takes an
/// exclusive <c>flock</c> on a file named after the parent in a machine-wide directory (<see cref="DefaultDirectory"/>)
/// and holds it for its life; the kernel drops it when the process ends, however it ends, so a crashed node never
/// leaves a stale lock. The file holds the holder's pid, which the refusal names.
/// </summary>
/// <remarks>
/// Nodes inside one process (the in-process API tests) share the lock: a process holds each parent's lock once. The
/// file is opened close-on-exec, so workloads (which outlive the node for live-restore) never inherit it.
/// </remarks>
internal sealed class CgroupParentLock : IDisposable
{
    private static readonly Dictionary<string, (SafeFileHandle File, int Users)> Held = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private readonly string _path;
    private bool _disposed;

    private CgroupParentLock(string path) => _path = path;

    /// <summary>
    /// Where the locks live: <c>/run/actor-supervisor</c> for root (every node that can create cgroups at the root of
    /// the hierarchy), else a directory of the user's own.
    /// </summary>
    public static string DefaultDirectory => geteuid() == 0
        ? "/run/actor-supervisor"
        : Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime
            ? Path.Combine(runtime, "actor-supervisor")
            : Path.Combine(Path.GetTempPath(), "actor-supervisor-" + geteuid().ToString(CultureInfo.InvariantCulture));

    /// <summary>The lock file of <paramref name="parent"/> in <paramref name="directory"/>.</summary>
    public static string FileOf(string directory, string parent) =>
        Path.Combine(directory, "cgroup-parent-" + Uri.EscapeDataString(parent) + ".lock");

    /// <summary>Takes the lock of <paramref name="parent"/> for this process.</summary>
    /// <exception cref="NodeConfigurationException">Another live process holds it (the message names the parent and its pid), or it cannot be taken.</exception>
    public static CgroupParentLock Acquire(string parent, string directory)
    {
        var path = FileOf(directory, parent);
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the node runs on Linux");
        lock (Gate)
        {
            if (Held.TryGetValue(path, out var held))
            {
                Held[path] = (held.File, held.Users + 1);
                return new CgroupParentLock(path);
            }
            SafeFileHandle file;
            try
            {
                Directory.CreateDirectory(directory, UnixAccess.PrivateDirectory);
                file = Open(path, OpenFlags.ReadWrite | OpenFlags.Create);
            }
            catch (IOException e)
            {
                throw Refusal(parent, $"cannot create its lock {path}: {e.Message}");
            }
            if (flock(file, LockExclusive | LockNonBlocking) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                file.Dispose();
                if (errno != WouldBlock)
                    throw Refusal(parent, $"cannot lock {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
                var holder = ReadHolder(path);
                throw Refusal(parent, $"another node (pid {holder}) on this machine uses it (lock {path}). With shard leases a node kills every " +
                    "workload under its cgroup parent that it does not host, so nodes sharing a machine need one parent each: give this node another " +
                    "actor-supervisor.node.runtimes.process.cgroup-parent, or stop the other node");
            }
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            RandomAccess.SetLength(file, 0);
            RandomAccess.Write(file, pid, 0);
            Held[path] = (file, 1);
            return new CgroupParentLock(path);
        }
    }

    /// <summary>Lets go of this holder's share; the last one unlocks (the process's end does too).</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_disposed || !Held.TryGetValue(_path, out var held)) return;
            _disposed = true;
            if (held.Users > 1)
            {
                Held[_path] = (held.File, held.Users - 1);
                return;
            }
            Held.Remove(_path);
            held.File.Dispose();
        }
    }

    private static NodeConfigurationException Refusal(string parent, string why) =>
        new($"setting 'actor-supervisor.node.runtimes.process.cgroup-parent' = \"{parent}\": {why}");

    /// <summary>The pid written by the holder, or "unknown" when it has not written it yet.</summary>
    private static string ReadHolder(string path)
    {
        try
        {
            // Not File.ReadAllText: .NET takes a shared flock on files it opens, which the holder's exclusive one refuses.
            using var file = Open(path, OpenFlags.ReadOnly);
            var buffer = new byte[32];
            var read = RandomAccess.Read(file, buffer, 0);
            var text = Encoding.ASCII.GetString(buffer, 0, read).Trim();
            return text.Length > 0 && text.All(char.IsAsciiDigit) ? text : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static SafeFileHandle Open(string path, OpenFlags flags)
    {
        var fd = open(path, (int)(flags | OpenFlags.CloseOnExec), (int)UnixAccess.PrivateFile);
        if (fd < 0)
            throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int WouldBlock = 11; // EWOULDBLOCK (= EAGAIN) on Linux

    /// <summary>open(2) flags, the same values on x86-64 and arm64 Linux.</summary>
    [Flags]
    private enum OpenFlags
    {
        ReadOnly = 0,
        ReadWrite = 2,
        Create = 0x40,
        CloseOnExec = 0x80000,
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock(SafeFileHandle fd, int operation);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint geteuid();
}
