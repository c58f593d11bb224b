using System.Diagnostics;
using ActorSupervisor.Supervision.Coordination;
using ActorSupervisor.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSupervisor.Supervision.Tests.Coordination;

/// <summary>
/// The fence's watchdog as a real bash process killing real processes. The cgroup here is a plain directory with a
/// cgroup.procs file, which is all the watchdog reads: the real cgroups are the process runtime's tests' business.
/// </summary>
public sealed class WorkloadFenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("asv-fence-").FullName;
    private readonly List<Process> _sleepers = [];

    private (string Parent, Process Sleeper) FakeCgroupWithWorkload()
    {
        var parent = Path.Combine(_directory, "cgroups");
        var cgroup = Path.Combine(parent, "c1");
        Directory.CreateDirectory(cgroup);
        var sleeper = Process.Start("sleep", "300");
        _sleepers.Add(sleeper);
        File.WriteAllText(Path.Combine(cgroup, "cgroup.procs"), sleeper.Id + "\n");
        return (parent, sleeper);
    }

    [Fact]
    public async Task Workloads_live_while_the_deadline_moves_on_and_die_once_it_passes()
    {
        var (parent, sleeper) = FakeCgroupWithWorkload();
        using var fence = WorkloadFence.Start(Path.Combine(_directory, "state"), [parent], NullLogger.Instance);
        var lead = TimeSpan.FromSeconds(6);
        var lastDeadline = DateTime.Now;
        var until = DateTime.Now + TimeSpan.FromSeconds(3);
        while (DateTime.Now < until)
        {
            // Six seconds ahead, moved every 200 ms: a loaded machine would have to stall the loop for 6 s to kill early
            // (a CI run on two loaded cores saw a 2 s lead run out).
            lastDeadline = DateTime.Now + lead;
            fence.Extend(lastDeadline.ToUniversalTime());
            await Task.Delay(200);
            Assert.False(sleeper.HasExited, "killed while the deadline was being moved on");
        }
        await Eventually.TrueAsync(() => sleeper.HasExited, "the workload is killed once the deadline passed", TimeSpan.FromSeconds(20));
        // The watchdog's own clock against the deadline: never before it (ExitTime is local time, as lastDeadline).
        Assert.True(sleeper.ExitTime >= lastDeadline - TimeSpan.FromMilliseconds(50), $"killed at {sleeper.ExitTime:O}, before the deadline {lastDeadline:O}");
    }

    [Fact]
    public async Task A_restarted_node_takes_over_the_fence_and_its_deadline()
    {
        var (parent, sleeper) = FakeCgroupWithWorkload();
        var state = Path.Combine(_directory, "state");
        using (var first = WorkloadFence.Start(state, [parent], NullLogger.Instance))
            first.Extend(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        using var second = WorkloadFence.Start(state, [parent], NullLogger.Instance);
        var watchdogs = Directory.GetDirectories("/proc").Count(p => File.Exists(Path.Combine(p, "cmdline"))
            && SafeRead(Path.Combine(p, "cmdline")).Contains(Path.Combine(state, "fence.deadline"), StringComparison.Ordinal));
        Assert.Equal(1, watchdogs);
        await Task.Delay(500);
        Assert.False(sleeper.HasExited);
        second.Extend(DateTimeOffset.UtcNow);
        await Eventually.TrueAsync(() => sleeper.HasExited, "the workload is killed by the new watchdog", TimeSpan.FromSeconds(10));
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        foreach (var sleeper in _sleepers)
        {
            if (!sleeper.HasExited) sleeper.Kill();
            sleeper.Dispose();
        }
        Directory.Delete(_directory, recursive: true);
    }
}
