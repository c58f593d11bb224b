using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Tests.Deploy;

/// <summary>
/// The node side of deploy/unprivileged/actor-supervisor.service without systemd: a cgroup made by root and handed to
/// a user (what <c>Delegate=yes</c> does for the unit's cgroup), and a real node run as that user (nobody) with its
/// <c>cgroup-parent</c> inside it. Its workloads run as the user, in cgroups the node made there, with their memory
/// limits set and enforced.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DelegatedCgroupEndToEndTests
{
    private const int Nobody = 65534;

    [Fact]
    public async Task A_node_run_as_a_user_limits_its_workloads_memory_in_the_cgroup_delegated_to_it()
    {
        var delegated = "asv-delegated-" + Guid.NewGuid().ToString("N")[..8];
        var hierarchies = Delegate(delegated);
        NodeProcess? node = null;
        try
        {
            node = await NodeProcess.StartAsync($$"""
                actor-supervisor.node.runtimes.process.cgroup-parent = "{{delegated}}/workloads"
                """, user: (Nobody, Nobody));

            var limited = await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "limited", Cmd = "sleep 437", Memory = "48m" }, start: true);
            var pid = Assert.IsType<int>(limited.Pid);
            Assert.Contains($"Uid:\t{Nobody}\t", await File.ReadAllTextAsync($"/proc/{pid}/status"), StringComparison.Ordinal);
            var memory = Path.Combine(hierarchies.Memory, delegated, "workloads", limited.Id);
            Assert.Contains(pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (await File.ReadAllTextAsync(Path.Combine(memory, "cgroup.procs"))).Split('\n'));
            var limit = Path.Combine(memory, hierarchies.Unified ? "memory.max" : "memory.limit_in_bytes");
            Assert.Equal(48L * 1024 * 1024, long.Parse((await File.ReadAllTextAsync(limit)).Trim(), System.Globalization.CultureInfo.InvariantCulture));

            // Enforced: a workload that keeps allocating is killed at its limit, and the node, not root, saw why.
            await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "hog", Cmd = "tail /dev/zero", Memory = "32m" }, start: true);
            var hog = await Eventually.ValueAsync(() => node.Client.InspectContainerAsync("hog"), c => c.State == ContainerStates.Exited,
                "hog is killed at its memory limit", TimeSpan.FromSeconds(30));
            Assert.True(hog.OomKilled, $"hog exited with {hog.ExitCode} but not OOM-killed");
        }
        finally
        {
            if (node is not null)
                await node.DisposeAsync();
            foreach (var mount in hierarchies.All)
                RemoveTree(Path.Combine(mount, delegated));
        }
    }

    /// <summary>
    /// Makes <paramref name="name"/> in the memory (and v1 freezer) hierarchy as root and hands it to nobody, as systemd
    /// does for a unit with Delegate=yes (on v2 with the memory controller available to its children).
    /// </summary>
    private static (string Memory, bool Unified, string[] All) Delegate(string name)
    {
        var unified = File.Exists("/sys/fs/cgroup/cgroup.controllers") && File.ReadAllText("/sys/fs/cgroup/cgroup.controllers").Contains("memory", StringComparison.Ordinal);
        string[] mounts = unified ? ["/sys/fs/cgroup"] : ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer"];
        foreach (var mount in mounts)
        {
            var directory = Path.Combine(mount, name);
            Directory.CreateDirectory(directory);
            if (unified)
                File.WriteAllText(Path.Combine(directory, "cgroup.subtree_control"), "+memory");
            // The directory and the files a delegatee writes (systemd's list: cgroup.procs, cgroup.subtree_control, cgroup.threads).
            Chown([directory, .. new[] { "cgroup.procs", "cgroup.subtree_control", "cgroup.threads", "tasks" }
                .Select(f => Path.Combine(directory, f)).Where(File.Exists)]);
        }
        return (mounts[0], unified, mounts);
    }

    private static void Chown(IEnumerable<string> paths)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [$"{Nobody}:{Nobody}", .. paths])!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    /// <summary>Removes a cgroup and its (by now empty) descendants, deepest first.</summary>
    private static void RemoveTree(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var child in Directory.GetDirectories(directory))
            RemoveTree(child);
        try
        {
            Directory.Delete(directory);
        }
        catch (IOException)
        {
            // A process still in it: the group stays, harmless.
        }
    }
}
