using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary><c>stats</c> in the process runtime: a real busy workload's CPU time, memory, limit and processes.</summary>
public sealed class ProcessStatsTests : ProcessRuntimeFixture
{
    [Fact]
    public async Task Stats_count_the_workload_s_processes_its_growing_cpu_time_its_memory_and_limit()
    {
        var spec = new ContainerSpec
        {
            Name = "busy",
            Command = CommandLine.Shell("sleep 60 & sleep 60 & while :; do :; done"),
            MemoryLimitBytes = 64 * 1024 * 1024,
        };
        var handle = await Runtime.StartAsync("busy", spec);

        var first = await Eventually.ValueAsync(() => Runtime.StatsAsync(handle), s => s is { Pids: 3 }, "the shell and its two sleeps", Within);
        var later = (await Eventually.ValueAsync(() => Runtime.StatsAsync(handle), s => s is not null && s.CpuTime >= first!.CpuTime + TimeSpan.FromMilliseconds(200),
            "the busy loop's CPU time to grow", Within))!;

        Assert.True(later.At > first!.At);
        Assert.True(later.MemoryBytes > 0, $"memory {later.MemoryBytes}");
        if (Runtime.Capabilities.MemoryLimits)
            Assert.Equal(64 * 1024 * 1024, later.MemoryLimitBytes);
        Assert.NotNull(later.BlockReadBytes);
        Assert.Null(later.NetReceivedBytes); // the host's network: nothing of its own to count

        await Runtime.KillAsync(handle, "SIGKILL");
        await Signals.WaitForAsync<WorkloadExited>("busy");
        Assert.Null(await Runtime.StatsAsync(handle));
    }
}
