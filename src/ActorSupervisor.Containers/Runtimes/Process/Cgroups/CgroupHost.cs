using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Containers.Runtimes.Process.Cgroups;

/// <summary>
/// The cgroups this host lets the process runtime use, found once at start-up: memory (limits and OOM counting)
/// and freezer (pause), both through cgroup v2 when the unified hierarchy has the memory controller, else through
/// the v1 hierarchies (the freezer through v2 on a hybrid host without a v1 freezer). Every workload gets a cgroup
/// named after its container under the configured parent.
/// </summary>
internal sealed class CgroupHost
{
    private readonly string? _memoryParent;
    private readonly string? _freezerParent;
    private readonly bool _memoryUnified;
    private readonly bool _freezerUnified;

    private CgroupHost(string? memoryParent, bool memoryUnified, string? freezerParent, bool freezerUnified, string notes)
    {
        _memoryParent = memoryParent;
        _memoryUnified = memoryUnified;
        _freezerParent = freezerParent;
        _freezerUnified = freezerUnified;
        Notes = notes;
    }

    /// <summary>Memory limits are enforced and OOM kills counted.</summary>
    public bool HasMemory => _memoryParent is not null;

    /// <summary>Pause freezes the cgroup (else the runtime falls back to SIGSTOP/SIGCONT).</summary>
    public bool HasFreezer => _freezerParent is not null;

    /// <summary>Why something is off, for <see cref="RuntimeCapabilities.Notes"/>; empty when all is on.</summary>
    public string Notes { get; }

    /// <summary>How memory is limited and OOM kills counted, for <see cref="RuntimeCapabilities.MemoryMethod"/>.</summary>
    public string MemoryMethod =>
        !HasMemory ? "none" : _memoryUnified ? "cgroup v2 (memory.max, memory.events)" : "cgroup v1 (memory.limit_in_bytes, memory.oom_control)";

    /// <summary>Which hierarchies are used, for the log line at start-up.</summary>
    public string Description =>
        $"memory: {(_memoryUnified ? "cgroup v2" : "cgroup v1")}, freezer: {(_freezerUnified ? "cgroup v2" : "cgroup v1")}";

    /// <summary>
    /// Finds the usable hierarchies and creates <paramref name="parentName"/> in each: everything in cgroup v2 when
    /// its hierarchy has the memory controller; else memory from v1, and the freezer from v1 or, failing that, v2's
    /// <c>cgroup.freeze</c>, which needs no controller.
    /// </summary>
    public static CgroupHost Detect(CgroupMounts mounts, string parentName, ILogger logger)
    {
        var notes = new List<string>();
        if (mounts.Unified is { } unified && ReadControllers(unified).Contains("memory"))
        {
            var parent = TryCreateParent(unified, parentName, notes, "cgroup v2");
            if (parent is not null && !TryEnableMemory(unified, parent, notes))
            {
                parent = null;
            }
            return Finish(new CgroupHost(parent, true, parent, true, Join(notes, parent is null, parent is null)), logger);
        }
        var memory = mounts.MemoryV1 is { } m
            ? TryCreateParent(m, parentName, notes, "the v1 memory cgroup")
            : Note(notes, "no memory cgroup is mounted");
        var freezer = mounts.FreezerV1 is { } f
            ? TryCreateParent(f, parentName, notes, "the v1 freezer cgroup")
            : mounts.Unified is { } u
                ? TryCreateParent(u, parentName, notes, "cgroup v2")
                : Note(notes, "no freezer cgroup is mounted");
        var freezerUnified = mounts.FreezerV1 is null && freezer is not null;
        return Finish(new CgroupHost(memory, false, freezer, freezerUnified, Join(notes, memory is null, freezer is null)), logger);
    }

    /// <summary>
    /// Creates the cgroup of <paramref name="containerId"/>'s next workload, after killing whatever an earlier
    /// workload of the same container left there. Null when the host has no usable cgroup.
    /// </summary>
    public WorkloadCgroup? Create(string containerId, long? memoryLimitBytes)
    {
        if (_memoryParent is null && _freezerParent is null)
        {
            return null;
        }
        var cgroup = Existing(containerId)!;
        cgroup.KillAll();
        cgroup.TryRemove(TimeSpan.FromSeconds(2));
        cgroup.Create();
        if (memoryLimitBytes is { } limit)
        {
            cgroup.SetMemoryLimit(limit);
        }
        return cgroup;
    }

    /// <summary>The parent directories of the workloads' cgroups (memory and freezer), each once.</summary>
    public IReadOnlyList<string> Parents => new[] { _memoryParent, _freezerParent }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The ids of the containers whose cgroups hold at least one process now.</summary>
    public IReadOnlyList<string> Populated()
    {
        if (Parents is not [var parent, ..]) return [];
        try
        {
            return Directory.EnumerateDirectories(parent)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(id => Existing(id)!.Pids().Count > 0)
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>The cgroup that <paramref name="containerId"/>'s workload would have, whether or not it exists now.</summary>
    public WorkloadCgroup? Existing(string containerId)
    {
        if (_memoryParent is null && _freezerParent is null)
        {
            return null;
        }
        var memory = _memoryParent is null ? null : Path.Combine(_memoryParent, containerId);
        var freezer = _freezerParent is null ? null : Path.Combine(_freezerParent, containerId);
        return new WorkloadCgroup(memory, _memoryUnified, freezer, _freezerUnified);
    }

    private static CgroupHost Finish(CgroupHost host, ILogger logger)
    {
        if (host.Notes.Length > 0)
        {
            logger.LogWarning("Process runtime: {Notes}", host.Notes);
        }
        else
        {
            logger.LogInformation("Process runtime: memory limits, OOM detection and freezer pause through {Cgroups}", host.Description);
        }
        return host;
    }

    private static string? TryCreateParent(string mount, string parentName, List<string> notes, string what)
    {
        var parent = Path.Combine(mount, parentName);
        try
        {
            Directory.CreateDirectory(parent);
            return parent;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"{what} is not writable ({parent}: {e.Message})");
            return null;
        }
    }

    private static bool TryEnableMemory(string root, string parent, List<string> notes)
    {
        try
        {
            // v2 hands a controller to children only when every ancestor lists it in cgroup.subtree_control.
            foreach (var directory in new[] { root, parent })
            {
                if (!ReadControllers(directory, "cgroup.subtree_control").Contains("memory"))
                {
                    File.WriteAllText(Path.Combine(directory, "cgroup.subtree_control"), "+memory");
                }
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"the v2 memory controller cannot be delegated to {parent} ({e.Message})");
            return false;
        }
    }

    private static string[] ReadControllers(string directory, string file = "cgroup.controllers")
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, file)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static string? Note(List<string> notes, string note)
    {
        notes.Add(note);
        return null;
    }

    private static string Join(List<string> notes, bool memoryOff, bool freezerOff)
    {
        var consequences = new List<string>();
        if (memoryOff)
        {
            consequences.Add("memory limits and OOM detection are off");
        }
        if (freezerOff)
        {
            consequences.Add("pause uses SIGSTOP/SIGCONT");
        }
        return consequences.Count == 0 ? "" : $"{string.Join("; ", consequences)}: {string.Join("; ", notes)}";
    }
}
