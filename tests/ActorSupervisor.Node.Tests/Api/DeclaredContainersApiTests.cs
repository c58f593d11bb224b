using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

public sealed class DeclaredContainersApiTests : IDisposable
{
    private static readonly Dictionary<string, string> Declared = new()
    {
        ["actor-supervisor:containers:web:cmd"] = "serve",
        ["actor-supervisor:containers:web:restart"] = "unless-stopped",
        ["actor-supervisor:containers:web:labels:tier"] = "front",
    };

    private readonly string _data = Directory.CreateTempSubdirectory("asv-declared-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Declared_containers_are_created_and_started_once_then_left_to_operators()
    {
        string id;
        await using (var first = new NodeFactory(Declared, _data))
        {
            var client = await first.ReadyClientAsync();
            var web = await client.InspectAsync("web");
            Assert.Equal((ContainerStates.Running, "unless-stopped", "front"), (web.State, web.Spec.Restart, web.Spec.Labels!["tier"]));
            id = web.Id;
            await client.VerbAsync("web", "stop", "?t=0");
        }

        await using var second = new NodeFactory(Declared, _data);
        var again = await second.ReadyClientAsync();
        var recovered = await again.InspectAsync("web");

        Assert.Equal(id, recovered.Id);
        Assert.Equal(ContainerStates.Exited, recovered.State);
        Assert.True(recovered.ManuallyStopped);
        var history = await again.GetStringAsync(ApiRoutes.Container("web", "history"));
        Assert.Equal(1, history.Split("\"type\":\"create\"").Length - 1);
    }
}
