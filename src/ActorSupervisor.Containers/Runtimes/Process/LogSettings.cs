using System.Globalization;
using ActorSupervisor.Containers.Runtimes.Logs;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// A container's log rotation as its last start set it (its own <c>--log-opt</c>, else the node's defaults), kept in its
/// log directory as "MAX-BYTES MAX-FILES": a node that adopts the workload after a restart, or reads the log of a
/// stopped container, rotates and reads alike without the spec at hand.
/// </summary>
internal static class LogSettings
{
    private const string FileName = "log-settings";

    /// <summary>Applies the settings to <paramref name="log"/> and records them beside it (0600).</summary>
    public static void Apply(ContainerLog log, string directory, long maxBytes, int maxFiles)
    {
        log.Configure(maxBytes, maxFiles);
        var path = Path.Combine(directory, FileName);
        using var writer = new StreamWriter(path, ContainerLog.PrivateWrite(FileMode.Create));
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{maxBytes} {maxFiles}\n"));
    }

    /// <summary>The recorded settings, or null when there are none or they are unreadable (a container never started by this version).</summary>
    public static (long MaxBytes, int MaxFiles)? Read(string directory)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(directory, FileName));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        var parts = text.Split(' ', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var files) && files > 0
                ? (bytes, files)
                : null;
    }
}
