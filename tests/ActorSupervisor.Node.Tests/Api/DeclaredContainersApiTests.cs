using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

public sealed class DeclaredContainersApiTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("asv-declared-").FullName;

    private string Declared => Path.Combine(_data, "node.conf");

    public DeclaredContainersApiTests() => File.WriteAllText(Declared, """
        actor-supervisor.containers.web { cmd = serve, restart = unless-stopped, labels { tier = front } }
        """);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Declared_containers_are_created_and_started_once_then_left_to_operators()
    {
        string id;
        await using (var first = new NodeFactory(dataDirectory: _data, hoconFile: Declared))
        {
            var client = await first.ReadyClientAsync();
            var web = await client.InspectAsync("web");
            Assert.Equal((ContainerStates.Running, "unless-stopped", "front"), (web.State, web.Spec.Restart, web.Spec.Labels!["tier"]));
            id = web.Id;
            await client.VerbAsync("web", "stop", "?t=0");
        }

        await using var second = new NodeFactory(dataDirectory: _data, hoconFile: Declared);
        var again = await second.ReadyClientAsync();
        var recovered = await again.InspectAsync("web");

        Assert.Equal(id, recovered.Id);
        Assert.Equal(ContainerStates.Exited, recovered.State);
        Assert.True(recovered.ManuallyStopped);
        var history = await again.GetStringAsync(ApiRoutes.Container("web", "history"));
        Assert.Equal(1, history.Split("\"type\":\"create\"").Length - 1);
    }
}
