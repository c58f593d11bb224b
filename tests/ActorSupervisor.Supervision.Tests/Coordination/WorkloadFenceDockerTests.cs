using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Supervision.Coordination;
using ActorSupervisor.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSupervisor.Supervision.Tests.Coordination;

/// <summary>
/// The fence over Docker workloads: a real engine (tests/services/docker.sh) runs the container under the node's own
/// cgroup parent, and the real watchdog, given the Docker runtime's parents as the node gives them, kills it once the
/// deadline passes, as for a node killed or frozen with its leases running out.
/// </summary>
public sealed class WorkloadFenceDockerTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly string _node = "fence-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _state = Directory.CreateTempSubdirectory("asv-fence-docker-").FullName;
    private readonly List<string> _containers = [];
    private DockerRuntime _runtime = null!;

    public Task InitializeAsync()
    {
        _runtime = new DockerRuntime(new DockerRuntimeOptions { SocketPath = DockerEngine.Socket, NodeId = _node });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_docker_workload_runs_under_the_nodes_cgroup_parent_and_dies_when_the_fence_deadline_passes()
    {
        var id = "fenced-" + _node;
        _containers.Add(id);
        var spec = new ContainerSpec { Name = "fenced", Runtime = RuntimeKind.Docker, Image = DockerEngine.Image, Command = CommandLine.Exec("sleep", "600") };
        var handle = await _runtime.StartAsync(id, spec);
        var parents = _runtime.WorkloadGroupParents;
        Assert.NotEmpty(parents);
        Assert.All(parents, parent => Assert.Contains(_node.Replace('-', '_'), parent, StringComparison.Ordinal));
        var procs = Path.Combine(parents[0], handle.WorkloadId, "cgroup.procs");
        await Eventually.TrueAsync(() => File.Exists(procs) && File.ReadAllText(procs).Trim().Length > 0, $"the container's processes in {procs}", Within);

        using var fence = WorkloadFence.Start(_state, parents, NullLogger.Instance);
        fence.Extend(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        Assert.True((await _runtime.InspectAsync(handle)).Running, "killed while the deadline was ahead");

        fence.Extend(DateTimeOffset.UtcNow);
        await Eventually.TrueAsync(async () => !(await _runtime.InspectAsync(handle)).Running, "the engine sees its container die once the deadline passed", Within);
        Assert.Equal(137, (await _runtime.InspectAsync(handle)).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await DockerEngine.RemoveContainersAsync(_containers);
        Directory.Delete(_state, recursive: true);
    }
}
