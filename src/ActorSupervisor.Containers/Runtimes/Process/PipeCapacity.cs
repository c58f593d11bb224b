using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// How much of a workload's output its pipe holds while no node reads it (the node stopped, killed or restarting): past
/// that the workload blocks on its next write. Linux gives a pipe 64 KiB; a node that may exceed the per-user pipe limits
/// (root's <c>CAP_SYS_RESOURCE</c> or <c>CAP_SYS_ADMIN</c>) asks for <c>/proc/sys/fs/pipe-max-size</c> (1 MiB by
/// default). Without either capability the larger pipes would count against the user's <c>pipe-user-pages-soft</c>,
/// and once over it the kernel shrinks every new pipe of that user (the node's own included) to two pages: the default
/// stays.
/// </summary>
internal static class PipeCapacity
{
    private const int CapSysAdmin = 21;
    private const int CapSysResource = 24;

    /// <summary>The size asked for, or null to keep the kernel's default.</summary>
    public static int? Wanted { get; } = MayExceedUserLimits() ? ReadMaxSize() : null;

    private static int? ReadMaxSize()
    {
        try
        {
            return int.TryParse(File.ReadAllText("/proc/sys/fs/pipe-max-size").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool MayExceedUserLimits()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
            if (line is null || !ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var effective))
                return false;
            return (effective & (1UL << CapSysResource | 1UL << CapSysAdmin)) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
