using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary>
/// Issue 14: a workload whose start the node never recorded (the node died between the spawn and the write) must not
/// run on unknown to the node. A fresh runtime finds it by the container's cgroup: recovery kills it, and so does rm.
/// </summary>
public sealed class StrayWorkloadTests : ProcessRuntimeFixture
{
    /// <summary>Starts a workload that forks a child, then forgets it as a node killed before recording the start would.</summary>
    private async Task<(WorkloadHandle Handle, ProcessRuntime Fresh)> StrayAsync(string id)
    {
        Assert.True(Runtime.Capabilities.MemoryLimits, $"this test needs the host's cgroups: {Runtime.Capabilities.Notes}");
        var handle = await Runtime.StartAsync(id, new ContainerSpec { Name = id, Command = CommandLine.Shell("sleep 300 & sleep 300") });
        // The shell forks its first sleep after the start returns; killing before that would find only the shell.
        await Eventually.TrueAsync(() => Task.FromResult(ProcessesIn(id) >= 2), "the shell forked its background sleep", Within);
        await Runtime.DisposeAsync();
        return (handle, new ProcessRuntime(Scratch.Options));
    }

    private static bool Alive(WorkloadHandle handle) => Alive(int.Parse(handle.WorkloadId, System.Globalization.CultureInfo.InvariantCulture));

    private static bool Alive(int pid) => ProcStat.Read(pid) is { HasExited: false };

    private int ProcessesIn(string id) =>
        CgroupsOf(id).Select(dir => Path.Combine(dir, "cgroup.procs")).Where(File.Exists)
            .Select(procs => File.ReadAllLines(procs).Count(line => line.Length > 0)).DefaultIfEmpty(0).Max();

    private string[] CgroupsOf(string id) =>
        new[] { "/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/unified", "/sys/fs/cgroup" }
            .Select(mount => Path.Combine(mount, Scratch.Options.CgroupParent, id))
            .Where(Directory.Exists)
            .ToArray();

    [Fact]
    public async Task Killing_strays_kills_every_process_in_the_containers_cgroup_and_removes_it()
    {
        var (handle, fresh) = await StrayAsync("stray");
        await using var _ = fresh;
        Assert.True(Alive(handle));
        Assert.NotEmpty(CgroupsOf("stray"));

        var killed = await fresh.KillStraysAsync("stray");

        Assert.True(killed >= 2, $"killed {killed}: the shell and both sleeps are in the cgroup");
        await Eventually.TrueAsync(() => Task.FromResult(!Alive(handle)), "the stray is dead", Within);
        Assert.Empty(CgroupsOf("stray"));
        Assert.Equal(0, await fresh.KillStraysAsync("stray"));
    }

    [Fact]
    public async Task Remove_kills_what_runs_in_the_cgroup_of_a_container_with_no_workload_on_record()
    {
        var (handle, fresh) = await StrayAsync("strayrm");
        await using var _ = fresh;
        // The keeper, stopped, stands for one slow to append the exit code: it would write into the directory while the
        // removal deletes it (CI saw "Directory not empty"). The removal must kill it rather than wait for it to end.
        var keeper = ProcStat.Read(int.Parse(handle.WorkloadId, System.Globalization.CultureInfo.InvariantCulture))!.Value.ParentPid;
        Assert.True(Alive(keeper), "the stray's keeper runs");
        Assert.True(Native.Kill(keeper, SignalNames.Stop), "the keeper stopped");

        await fresh.RemoveAsync("strayrm");

        Assert.False(Alive(keeper), "the stray's keeper is dead when the removal returns");
        await Eventually.TrueAsync(() => Task.FromResult(!Alive(handle)), "the stray is dead", Within);
        Assert.Empty(CgroupsOf("strayrm"));
        Assert.False(Directory.Exists(Path.Combine(Scratch.Options.LogDirectory, "strayrm")));
    }

    [Fact]
    public async Task A_workload_started_here_but_not_on_record_is_killed_and_its_exit_reported()
    {
        var signals = new SignalRecorder(Runtime);
        var handle = await Runtime.StartAsync("unrecorded", new ContainerSpec { Name = "unrecorded", Command = CommandLine.Exec("sleep", "300") });

        Assert.Equal(1, await Runtime.KillStraysAsync("unrecorded"));

        var exited = await signals.WaitForAsync<WorkloadExited>("unrecorded");
        Assert.Equal(handle.WorkloadId, exited.WorkloadId);
        Assert.False((await Runtime.InspectAsync(handle)).Running);
    }
}
