using ActorSupervisor.Node.Configuration;

namespace ActorSupervisor.Node.Security;

/// <summary>
/// Makes the data directory the node's alone before anything writes to it: the directory 0700 (0710 and the
/// token group's when one is configured, so members can reach <c>api.token</c> but not list or read anything
/// else), the SQLite journal and its side files 0600 (SQLite gives <c>-wal</c>/<c>-shm</c> the database's
/// mode, so the file is created here first), and the process runtime's log directory 0700.
/// </summary>
public static class NodeDataDirectory
{
    /// <summary>The SQLite store's file name in the data directory when no connection string is configured.</summary>
    public const string SqliteStoreFile = "store.db";

    /// <summary>Creates or tightens the data directory of <paramref name="options"/>; returns the paths whose mode it changed.</summary>
    /// <exception cref="IOException">The directory cannot be created or its files cannot be protected.</exception>
    /// <exception cref="UnauthorizedAccessException">The node may not create or change the directory.</exception>
    public static IReadOnlyList<string> Prepare(NodeOptions options, uint? groupId)
    {
        var tightened = new List<string>();
        var directory = options.DataDirectory;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return tightened;
        }
        var mode = groupId is null ? UnixAccess.PrivateDirectory : UnixAccess.GroupTraversableDirectory;
        if (!Directory.Exists(directory))
            Directory.CreateDirectory(directory, mode);
        if (groupId is { } group)
            UnixAccess.SetGroup(directory, group);
        Restrict(directory, mode, tightened);
        if (options.Store.Kind == "sqlite" && options.Store.ConnectionString.Length == 0)
        {
            var journal = Path.Combine(directory, SqliteStoreFile);
            if (!File.Exists(journal))
                new FileStream(journal, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixAccess.PrivateFile }).Dispose();
            foreach (var file in new[] { journal, journal + "-wal", journal + "-shm", journal + "-journal" })
            {
                if (File.Exists(file))
                    Restrict(file, UnixAccess.PrivateFile, tightened);
            }
        }
        if (Directory.Exists(options.Process.LogDirectory))
            Restrict(options.Process.LogDirectory, UnixAccess.PrivateDirectory, tightened);
        return tightened;
    }

    // Group and other get exactly what `allowed` gives them; the owner's and the special bits stay.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Restrict(string path, UnixFileMode allowed, List<string> changed)
    {
        const UnixFileMode groupAndOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var current = File.GetUnixFileMode(path);
        var wanted = (current & ~groupAndOther) | (allowed & groupAndOther);
        if (wanted == current)
            return;
        File.SetUnixFileMode(path, wanted);
        changed.Add(path);
    }
}
