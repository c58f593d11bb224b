using System.Diagnostics;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// The program that keeps a workload's output while the node may be stopped or gone: util-linux <c>logger</c>, which
/// stamps each line it reads (microseconds) and appends it as one record to a file (see <see cref="Logs.OutputSpool"/>).
/// It is on every system util-linux is (Debian's bsdutils is essential); BusyBox's applet of that name lacks the options.
/// </summary>
internal static class OutputKeeper
{
    private static readonly string[] Candidates = ["/usr/bin/logger", "/bin/logger"];

    /// <summary>The path of util-linux <c>logger</c>.</summary>
    /// <exception cref="RuntimeOperationException">Missing, or not util-linux's.</exception>
    public static string Find()
    {
        var path = Candidates.FirstOrDefault(File.Exists)
            ?? throw new RuntimeOperationException("the process runtime needs logger (util-linux) at /usr/bin/logger to keep workloads' output");
        var info = new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string version;
        using (var probe = System.Diagnostics.Process.Start(info)!)
        {
            version = probe.StandardOutput.ReadToEnd();
            probe.WaitForExit();
        }
        return version.Contains("util-linux", StringComparison.Ordinal)
            ? path
            : throw new RuntimeOperationException($"the process runtime needs util-linux's logger; {path} is another ({version.Trim()})");
    }

    /// <summary>The node's umask (from <c>/proc/self/status</c>), which workloads get as they did before the shim kept files of its own.</summary>
    public static string NodeUmask()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Umask:", StringComparison.Ordinal));
        return line?["Umask:".Length..].Trim() is { Length: > 0 } mask ? mask : "0022";
    }
}
