using System.Text;
using ActorSupervisor.Containers.Runtimes.Process.Cgroups;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>
/// Where a node's Docker workloads live in the host's cgroups: the engine creates each container's cgroup under a
/// parent of this node's own (<c>--cgroup-parent</c>), so that the node's fence, which kills everything under the
/// parents it is given, also kills the Docker workloads of a node killed, frozen or cut off from PostgreSQL. The parent
/// is one name for both of the engine's cgroup drivers: a top-level slice (<c>asv_docker_NODE.slice</c>), which the
/// systemd driver requires and the cgroupfs driver takes as a plain directory at the hierarchy's root.
/// </summary>
internal static class DockerCgroups
{
    /// <summary>The slice of <paramref name="nodeId"/>'s containers: a name without '-' (systemd reads a dash as nesting).</summary>
    public static string SliceName(string nodeId)
    {
        var name = new StringBuilder("asv_docker_");
        foreach (var c in nodeId)
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        return name.Append(".slice").ToString();
    }

    /// <summary>
    /// The <c>HostConfig.CgroupParent</c> for an engine using <paramref name="driver"/> (<c>GET /info</c>'s
    /// <c>CgroupDriver</c>): the slice's name for systemd, its absolute path for cgroupfs (a relative one would be
    /// resolved against the engine's own cgroup). Null for another driver: the engine's default placement, unfenced.
    /// </summary>
    public static string? ParentFor(string? driver, string nodeId) => driver switch
    {
        "systemd" => SliceName(nodeId),
        "cgroupfs" => "/" + SliceName(nodeId),
        _ => null,
    };

    /// <summary>
    /// The directories under which the engine puts this node's containers, as this process sees the hierarchies: the v1
    /// freezer's first (the fence thaws a paused container before it kills it), then the v1 memory's; the unified
    /// hierarchy's on a host without those. A directory appears with the first container; until then it is absent.
    /// </summary>
    public static IReadOnlyList<string> Parents(CgroupMounts mounts, string nodeId)
    {
        var slice = SliceName(nodeId);
        var v1 = new[] { mounts.FreezerV1, mounts.MemoryV1 }.OfType<string>().ToList();
        var roots = v1.Count > 0 ? v1 : new[] { mounts.Unified }.OfType<string>().ToList();
        return roots.Select(root => Path.Combine(root, slice)).ToList();
    }
}
