using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Docker;

/// <summary>Issue 14 on Docker: rm releases the engine's container; one the node has no record of is killed at recovery.</summary>
public sealed class DockerRemoveTests : IAsyncLifetime
{
    private readonly string _node = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly DockerClient _engine = new(DockerEngine.Socket, TimeSpan.FromSeconds(30));
    private DockerRuntime _runtime = null!;

    public Task InitializeAsync()
    {
        _runtime = new DockerRuntime(new DockerRuntimeOptions { SocketPath = DockerEngine.Socket, NodeId = _node });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await DockerEngine.RemoveContainersAsync(new[] { "rm", "stray" }.Select(Id));
        _engine.Dispose();
    }

    private string Id(string name) => $"{name}-{_node}";

    private static ContainerSpec Spec(CommandLine command) =>
        new() { Name = "t", Runtime = RuntimeKind.Docker, Image = DockerEngine.Image, Command = command };

    private async Task<bool> EngineHasAsync(string id)
    {
        try
        {
            await _engine.SendAsync(HttpMethod.Get, $"containers/{DockerRuntime.DockerName(id)}/json");
            return true;
        }
        catch (DockerApiException e) when (DockerClient.IsNotFound(e))
        {
            return false;
        }
    }

    [Fact]
    public async Task Remove_deletes_the_engines_container_and_a_second_remove_does_nothing()
    {
        var signals = new SignalRecorder(_runtime);
        var id = Id("rm");
        await _runtime.StartAsync(id, Spec(CommandLine.Shell("echo bye")));
        await signals.WaitForAsync<WorkloadExited>(id);
        Assert.True(await EngineHasAsync(id));

        await _runtime.RemoveAsync(id);

        Assert.False(await EngineHasAsync(id));
        await _runtime.RemoveAsync(id);
    }

    [Fact]
    public async Task Killing_strays_kills_a_running_engine_container_the_node_has_no_record_of()
    {
        var id = Id("stray");
        await _runtime.StartAsync(id, Spec(CommandLine.Exec("sleep", "300")));
        await _runtime.DisposeAsync();
        _runtime = new DockerRuntime(new DockerRuntimeOptions { SocketPath = DockerEngine.Socket, NodeId = _node });

        Assert.Equal(1, await _runtime.KillStraysAsync(id));

        await Eventually.TrueAsync(async () =>
            (await _engine.SendAsync(HttpMethod.Get, $"containers/{DockerRuntime.DockerName(id)}/json"))!.Value.GetProperty("State").GetProperty("Running").GetBoolean() == false,
            "the stray engine container stopped", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await _runtime.KillStraysAsync(id));
    }
}
