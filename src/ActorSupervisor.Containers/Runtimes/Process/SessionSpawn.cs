using System.Runtime.InteropServices;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// Starts a workload's keeper with <c>posix_spawn</c>, already leading a session of its own (so its process
/// group is its pid from the first instant), in its working directory, with only the given environment, every signal
/// at its default disposition and none blocked. Process.Start cannot make a session leader: it went through setsid(1),
/// an exec more on every start and restart, and a wait until setsid had run.
/// </summary>
internal static class SessionSpawn
{
    // glibc's flags (spawn.h).
    private const short POSIX_SPAWN_SETSIGDEF = 0x04;
    private const short POSIX_SPAWN_SETSIGMASK = 0x08;
    private const short POSIX_SPAWN_SETSID = 0x80;

    // Larger than glibc's posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) and sigset_t (128).
    private const int OpaqueSize = 512;

    // A sigset_t (glibc: 1024 bits) with every signal in it.
    private static readonly byte[] AllSignals = Enumerable.Repeat((byte)0xff, 128).ToArray();

    // LPStr is UTF-8 off Windows (arrays of LPUTF8Str cannot be marshalled).
    [DllImport("libc", EntryPoint = "posix_spawn")]
    private static extern int SysPosixSpawn(out int pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr fileActions, IntPtr attributes,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);

    [DllImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static extern int SysAttrInit(IntPtr attributes);

    [DllImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static extern int SysAttrDestroy(IntPtr attributes);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static extern int SysAttrSetFlags(IntPtr attributes, short flags);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static extern int SysAttrSetSigDefault(IntPtr attributes, IntPtr signals);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static extern int SysAttrSetSigMask(IntPtr attributes, IntPtr signals);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static extern int SysActionsInit(IntPtr actions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static extern int SysActionsDestroy(IntPtr actions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    private static extern int SysActionsAddChdir(IntPtr actions, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc", EntryPoint = "sigemptyset")]
    private static extern int SysSigEmptySet(IntPtr signals);

    /// <summary>
    /// Starts <paramref name="argv"/> (its first element an absolute path) as a session leader; returns its pid and
    /// the task of its exit (see <see cref="ChildReaper"/>).
    /// </summary>
    /// <exception cref="RuntimeOperationException">The spawn failed (the error names why).</exception>
    public static (int Pid, Task<ChildExit> Exit) Start(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var memory = Marshal.AllocHGlobal(OpaqueSize * 4);
        var attributes = memory;
        var actions = memory + OpaqueSize;
        var defaults = memory + 2 * OpaqueSize;
        var mask = memory + 3 * OpaqueSize;
        try
        {
            Check(SysAttrInit(attributes), "posix_spawnattr_init");
            Check(SysActionsInit(actions), "posix_spawn_file_actions_init");
            try
            {
                // The node ignores SIGPIPE (as .NET does), and an ignored signal stays ignored across exec: a workload
                // must start as from a shell, every signal at its default. Every bit, not sigfillset: that leaves out
                // glibc's own two signals (32, 33), which the child would then start with ignored.
                Marshal.Copy(AllSignals, 0, defaults, AllSignals.Length);
                SysSigEmptySet(mask);
                Check(SysAttrSetSigDefault(attributes, defaults), "posix_spawnattr_setsigdefault");
                Check(SysAttrSetSigMask(attributes, mask), "posix_spawnattr_setsigmask");
                Check(SysAttrSetFlags(attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");
                Check(SysActionsAddChdir(actions, workingDirectory), "posix_spawn_file_actions_addchdir_np");
                string?[] arguments = [.. argv, null];
                string?[] variables = [.. environment.Select(e => $"{e.Key}={e.Value}"), null];
                Check(SysPosixSpawn(out var pid, argv[0], actions, attributes, arguments, variables), "posix_spawn " + argv[0]);
                return (pid, ChildReaper.Watch(pid));
            }
            finally
            {
                SysActionsDestroy(actions);
                SysAttrDestroy(attributes);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new RuntimeOperationException($"{call} failed: {Marshal.GetPInvokeErrorMessage(error)}");
        }
    }
}
