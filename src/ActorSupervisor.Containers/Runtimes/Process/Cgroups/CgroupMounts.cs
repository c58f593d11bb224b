namespace ActorSupervisor.Containers.Runtimes.Process.Cgroups;

/// <summary>Where the host mounts its cgroup hierarchies, read from <c>/proc/self/mountinfo</c>.</summary>
/// <param name="MemoryV1">The cgroup v1 hierarchy with the memory controller, if any.</param>
/// <param name="FreezerV1">The cgroup v1 hierarchy with the freezer controller, if any.</param>
/// <param name="Unified">The cgroup v2 hierarchy, if any.</param>
internal sealed record CgroupMounts(string? MemoryV1, string? FreezerV1, string? Unified)
{
    /// <summary>Parses mountinfo lines: <c>id parent dev root mountpoint options [tags] - fstype source superoptions</c>.</summary>
    public static CgroupMounts Parse(IEnumerable<string> mountInfoLines)
    {
        string? memory = null, freezer = null, unified = null;
        foreach (var line in mountInfoLines)
        {
            var parts = line.Split(' ');
            var dash = Array.IndexOf(parts, "-");
            if (dash < 5 || parts.Length < dash + 4)
            {
                continue;
            }
            var mountPoint = parts[4].Replace("\\040", " ", StringComparison.Ordinal);
            var fsType = parts[dash + 1];
            var controllers = parts[dash + 3].Split(',');
            if (fsType == "cgroup2")
            {
                unified ??= mountPoint;
            }
            else if (fsType == "cgroup")
            {
                if (controllers.Contains("memory"))
                {
                    memory ??= mountPoint;
                }
                if (controllers.Contains("freezer"))
                {
                    freezer ??= mountPoint;
                }
            }
        }
        return new CgroupMounts(memory, freezer, unified);
    }

    /// <summary>The mounts of the running process's view of the host.</summary>
    public static CgroupMounts ReadHost()
    {
        try
        {
            return Parse(File.ReadLines("/proc/self/mountinfo"));
        }
        catch (IOException)
        {
            return new CgroupMounts(null, null, null);
        }
    }
}
