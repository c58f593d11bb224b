using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Docker;

/// <summary><c>stats</c> in the Docker runtime against a real engine: the same busy workload as the process runtime's.</summary>
public sealed class DockerStatsTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly string _node = "stats-" + Guid.NewGuid().ToString("N")[..8];
    private DockerRuntime _runtime = null!;

    public Task InitializeAsync()
    {
        _runtime = new DockerRuntime(new DockerRuntimeOptions { SocketPath = DockerEngine.Socket, NodeId = _node });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await DockerEngine.RemoveContainersAsync(["busy-" + _node]);
    }

    [Fact]
    public async Task Stats_count_the_container_s_processes_its_growing_cpu_time_its_memory_and_limit()
    {
        var handle = await _runtime.StartAsync("busy-" + _node, new ContainerSpec
        {
            Name = "busy", Runtime = RuntimeKind.Docker, Image = DockerEngine.Image,
            Command = CommandLine.Shell("sleep 60 & sleep 60 & while :; do :; done"), MemoryLimitBytes = 64 * 1024 * 1024,
        });

        var first = await Eventually.ValueAsync(() => _runtime.StatsAsync(handle), s => s is { Pids: 3 }, "the shell and its two sleeps", Within);
        var later = (await Eventually.ValueAsync(() => _runtime.StatsAsync(handle), s => s is not null && s.CpuTime >= first!.CpuTime + TimeSpan.FromMilliseconds(200),
            "the busy loop's CPU time to grow", Within))!;

        Assert.True(later.MemoryBytes > 0, $"memory {later.MemoryBytes}");
        Assert.Equal(64 * 1024 * 1024, later.MemoryLimitBytes);
        await _runtime.KillAsync(handle, "KILL");
    }
}
