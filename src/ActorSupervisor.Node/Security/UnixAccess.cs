using System.Runtime.InteropServices;

namespace ActorSupervisor.Node.Security;

/// <summary>
/// The few POSIX calls .NET lacks for the node's own files: a group's id by name and changing a path's group.
/// Modes go through <see cref="File.SetUnixFileMode(string, UnixFileMode)"/>.
/// </summary>
internal static class UnixAccess
{
    /// <summary>Owner read/write: the journal, the token.</summary>
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read/write, group read: the token when a token group is configured.</summary>
    public const UnixFileMode GroupReadableFile = PrivateFile | UnixFileMode.GroupRead;

    /// <summary>Owner only: the data directory.</summary>
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Owner, and the group may pass through (not list): the data directory when a token group is configured.</summary>
    public const UnixFileMode GroupTraversableDirectory = PrivateDirectory | UnixFileMode.GroupExecute;

    /// <summary>The id of the group <paramref name="name"/> (local files, LDAP, whatever NSS answers), or null when there is none.</summary>
    public static uint? GroupId(string name)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return null;
        var entry = getgrnam(name);
        // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; char **gr_mem; }
        return entry == IntPtr.Zero ? null : (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size);
    }

    /// <summary>Gives <paramref name="path"/> to the group <paramref name="groupId"/>, keeping its owner.</summary>
    /// <exception cref="IOException">The node may not (it is neither root nor a member of the group).</exception>
    public static void SetGroup(string path, uint groupId)
    {
        if (chown(path, uint.MaxValue, groupId) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot give {path} to group {groupId}: {Marshal.GetPInvokeErrorMessage(errno)} " +
                "(the node must run as root or as a member of the group)");
        }
    }

    [DllImport("libc", EntryPoint = "getgrnam", SetLastError = true)]
    private static extern IntPtr getgrnam([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
