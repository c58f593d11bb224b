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

    /// <summary>A test that failed half-way leaves its workloads running: they must not outlive it.</summary>
    private static void KillEverythingIn(string cgroup)
    {
        var procs = Path.Combine(cgroup, "cgroup.procs");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (File.ReadAllLines(procs) is { Length: > 0 } pids && DateTime.UtcNow < deadline)
        {
            foreach (var pid in pids)
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(int.Parse(pid)).Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        // Thaw first: a frozen process does not die of SIGKILL until it is thawed.
        foreach (var (mount, file, thawed) in new[] { ("/sys/fs/cgroup/freezer", "freezer.state", "THAWED"), ("/sys/fs/cgroup/unified", "cgroup.freeze", "0") })
        {
            var parent = Path.Combine(mount, Options.CgroupParent);
            if (System.IO.Directory.Exists(parent))
            {
                foreach (var child in System.IO.Directory.GetDirectories(parent))
                {
                    File.WriteAllText(Path.Combine(child, file), thawed);
                }
            }
        }
        foreach (var mount in new[] { "/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/unified", "/sys/fs/cgroup" })
        {
            var parent = Path.Combine(mount, Options.CgroupParent);
            if (System.IO.Directory.Exists(parent))
            {
                foreach (var child in System.IO.Directory.GetDirectories(parent))
                {
                    KillEverythingIn(child);
                    System.IO.Directory.Delete(child);
                }
                System.IO.Directory.Delete(parent);
            }
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
