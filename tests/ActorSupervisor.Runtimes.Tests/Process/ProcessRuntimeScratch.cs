using ActorSupervisor.Containers.Runtimes.Process;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary>A scratch log directory and a cgroup parent of its own for one test class, removed afterwards.</summary>
public sealed class ProcessRuntimeScratch : IDisposable
{
    public ProcessRuntimeScratch()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        Directory = Path.Combine(Path.GetTempPath(), "asv-process-" + id);
        System.IO.Directory.CreateDirectory(Directory);
        Options = new ProcessRuntimeOptions
        {
            LogDirectory = Path.Combine(Directory, "logs"),
            CgroupParent = "asv-test-" + id,
            MonitorInterval = TimeSpan.FromMilliseconds(50),
        };
    }

    public string Directory { get; }

    public ProcessRuntimeOptions Options { get; }

    public void Dispose()
    {
        foreach (var mount in new[] { "/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/unified", "/sys/fs/cgroup" })
        {
            var parent = Path.Combine(mount, Options.CgroupParent);
            if (System.IO.Directory.Exists(parent))
            {
                foreach (var child in System.IO.Directory.GetDirectories(parent))
                {
                    System.IO.Directory.Delete(child);
                }
                System.IO.Directory.Delete(parent);
            }
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
