using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class NodeCrashEndToEndTests
{
    private const int Loopers = 4;
    private const int Sleepers = 4;

    [Fact]
    public async Task A_node_killed_during_churn_recovers_every_container_adopts_workloads_and_loses_no_acknowledged_event()
    {
        await using var node = await NodeProcess.StartAsync("actor-supervisor.node.restart.backoff { initial = 20ms, max = 100ms }");
        for (var i = 0; i < Loopers; i++)
            await node.Client.CreateContainerAsync(new RawContainerSpec { Name = $"loop{i}", Cmd = "sleep 0.05; exit 1", Restart = "always" }, start: true);
        for (var i = 0; i < Sleepers; i++)
            await node.Client.CreateContainerAsync(new RawContainerSpec { Name = $"sleep{i}", Cmd = "sleep 300", Restart = "unless-stopped" }, start: true);
        var pids = new Dictionary<string, int?>();
        for (var i = 0; i < Sleepers; i++)
            pids[$"sleep{i}"] = (await node.Client.InspectContainerAsync($"sleep{i}")).Pid;

        var acknowledged = new List<ContainerEvent>();
        var reader = ReadUntilTheNodeDiesAsync(node.Client, acknowledged);
        await Eventually.TrueAsync(() => Task.FromResult(Count(acknowledged) >= 60), "the client received 60 events of churn", TimeSpan.FromSeconds(60));
        await node.KillAsync();
        await reader;
        await node.StartAgainAsync();

        var containers = await node.Client.ListContainersAsync(all: true);
        Assert.Equal(Loopers + Sleepers, containers.Count);
        foreach (var (name, pid) in pids)
        {
            var sleeper = await node.Client.InspectContainerAsync(name);
            Assert.Equal((ContainerStates.Running, pid), (sleeper.State, sleeper.Pid));
        }
        var stored = new Dictionary<long, ContainerEvent>();
        await foreach (var e in node.Client.StreamEventsAsync(new EventQuery { Since = "0", Follow = false }))
            stored[e.Offset] = e;
        ContainerEvent[] received;
        lock (acknowledged)
            received = [.. acknowledged];
        Assert.All(received, e => Assert.Equal((e.ContainerId, e.Type, e.Seq), (stored[e.Offset].ContainerId, stored[e.Offset].Type, stored[e.Offset].Seq)));
        var lastBeforeKill = received.Max(e => e.Offset);
        for (var i = 0; i < Loopers; i++)
        {
            var name = $"loop{i}";
            await Eventually.TrueAsync(async () => (await node.Client.GetHistoryAsync(name)).Any(e => e.Type == EventTypes.Start && e.Offset > lastBeforeKill),
                $"{name} starts again after recovery", TimeSpan.FromSeconds(30));
        }
    }

    private static int Count(List<ContainerEvent> events)
    {
        lock (events)
            return events.Count;
    }

    private static async Task ReadUntilTheNodeDiesAsync(ActorSupervisorClient client, List<ContainerEvent> into)
    {
        try
        {
            await foreach (var e in client.StreamEventsAsync(new EventQuery { Since = "0" }))
            {
                lock (into)
                    into.Add(e);
            }
        }
        catch (Exception e) when (e is NodeUnreachableException or IOException or HttpRequestException or ApiException)
        {
            // The node was killed under the stream: what arrived before is what was acknowledged.
        }
    }
}
