using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary><c>stats</c> in the process runtime: a real busy workload's CPU time, memory, limit and processes.</summary>
public sealed class ProcessStatsTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly ProcessRuntimeScratch _scratch = new();
    private ProcessRuntime _runtime = null!;
    private SignalRecorder _signals = null!;

    public Task InitializeAsync()
    {
        _runtime = new ProcessRuntime(_scratch.Options);
        _signals = new SignalRecorder(_runtime);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Stats_count_the_workload_s_processes_its_growing_cpu_time_its_memory_and_limit()
    {
        var spec = new ContainerSpec
        {
            Name = "busy",
            Command = CommandLine.Shell("sleep 60 & sleep 60 & while :; do :; done"),
            MemoryLimitBytes = 64 * 1024 * 1024,
        };
        var handle = await _runtime.StartAsync("busy", spec);

        var first = await Eventually.ValueAsync(() => _runtime.StatsAsync(handle), s => s is { Pids: 3 }, "the shell and its two sleeps", Within);
        var later = (await Eventually.ValueAsync(() => _runtime.StatsAsync(handle), s => s is not null && s.CpuTime >= first!.CpuTime + TimeSpan.FromMilliseconds(200),
            "the busy loop's CPU time to grow", Within))!;

        Assert.True(later.At > first!.At);
        Assert.True(later.MemoryBytes > 0, $"memory {later.MemoryBytes}");
        if (_runtime.Capabilities.MemoryLimits)
            Assert.Equal(64 * 1024 * 1024, later.MemoryLimitBytes);
        Assert.NotNull(later.BlockReadBytes);
        Assert.Null(later.NetReceivedBytes); // the host's network: nothing of its own to count

        await _runtime.KillAsync(handle, "SIGKILL");
        await _signals.WaitForAsync<WorkloadExited>("busy");
        Assert.Null(await _runtime.StatsAsync(handle));
    }
}
