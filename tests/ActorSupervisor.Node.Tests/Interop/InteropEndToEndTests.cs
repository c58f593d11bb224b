using ActorSupervisor.Node.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Node.Tests.Interop;

/// <summary>
/// A foreign actor system in its own OS process (samples/ContainerClient) drives a real node through the gateway:
/// creates a container, watches its events, stops and removes it; once through ClusterClient, once as a cluster
/// member with the client role.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InteropEndToEndTests
{
    [Fact]
    public async Task A_cluster_client_creates_watches_stops_and_removes_a_container()
    {
        var port = NodeProcess.FreePort();
        await using var node = await NodeProcess.StartAsync($"actor-supervisor.node.cluster.port = {port}");
        var run = await Sample.RunAsync("--node", $"akka.tcp://asv@127.0.0.1:{port}", "--name", "via-client");
        Sample.AssertWalkedThrough(run, "via-client");
        Assert.Empty(await node.Client.ListContainersAsync(all: true));
    }

    [Fact]
    public async Task A_member_with_the_client_role_creates_watches_stops_and_removes_a_container()
    {
        var port = NodeProcess.FreePort();
        await using var node = await NodeProcess.StartAsync($"actor-supervisor.node.cluster.port = {port}");
        var run = await Sample.RunAsync("--node", $"akka.tcp://asv@127.0.0.1:{port}", "--member", "--name", "via-member");
        Sample.AssertWalkedThrough(run, "via-member");
        Assert.Empty(await node.Client.ListContainersAsync(all: true));
        // The member hosted nothing and left: the node still answers for its containers.
        var created = await node.Client.CreateContainerAsync(new ActorSupervisor.Values.Specs.RawContainerSpec { Name = "after", Cmd = "sleep 30" }, start: true);
        Assert.Equal("running", created.State);
    }
}

/// <summary>
/// Groups through the same door (issue 17): a foreign actor system creates a one_for_all group of two containers, is
/// refused a bad strategy naming the field, stops and starts it, reads and removes it; the node's API agrees.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InteropGroupEndToEndTests
{
    [Fact]
    public async Task A_cluster_client_creates_stops_starts_and_removes_a_group()
    {
        var port = NodeProcess.FreePort();
        await using var node = await NodeProcess.StartAsync($"actor-supervisor.node.cluster.port = {port}");
        var run = await Sample.RunAsync("--node", $"akka.tcp://asv@127.0.0.1:{port}", "--group", "--name", "crew");

        Assert.True(run.ExitCode == 0, $"the sample exited with {run.ExitCode}:\n{run.Output}");
        var steps = new[]
        {
            "group crew before: not_found",
            "bad group: invalid_argument: strategy: unknown strategy 'one_for_some'",
            "group created crew one_for_all active max-restarts 3 window 1m0s: crew-a running, crew-b running",
            "group stopped crew one_for_all active max-restarts 3 window 1m0s: crew-a exited, crew-b exited",
            "group started crew one_for_all active max-restarts 3 window 1m0s: crew-a running, crew-b running",
            "group get crew one_for_all active",
            "group removed crew",
            "group get after remove: removed",
            "done",
        };
        var at = 0;
        foreach (var step in steps)
        {
            var found = run.Stdout.IndexOf(step, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"the sample did not say '{step}' (after position {at}):\n{run.Output}");
            at = found;
        }
        Assert.Empty(await node.Client.ListContainersAsync(all: true));
    }
}

/// <summary>samples/ContainerClient as a process.</summary>
internal static class Sample
{
    /// <summary>The sample built beside the tests (same configuration).</summary>
    public static string Dll => RepositoryFiles.File("samples", "ContainerClient", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "ContainerClient.dll");

    /// <summary>Runs the sample with <paramref name="arguments"/>.</summary>
    public static Task<ProgramResult> RunAsync(params string[] arguments) =>
        ProgramRun.RunAsync("dotnet", [Dll, .. arguments], TimeSpan.FromSeconds(120));

    /// <summary>The sample said each step, in order, and ended with 0.</summary>
    public static void AssertWalkedThrough(ProgramResult run, string name)
    {
        Assert.True(run.ExitCode == 0, $"the sample exited with {run.ExitCode}:\n{run.Output}");
        // The program's own lines come in order; events are printed by the subscriber as they arrive, so only each one's presence counts.
        var steps = new[] { "subscribed to container events", $"created {name} ", $"stopped {name}: exited", "removed ", $"get {name} after remove: not_found", "done" };
        var at = 0;
        foreach (var step in steps)
        {
            var found = run.Stdout.IndexOf(step, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"the sample did not say '{step}' (after position {at}):\n{run.Output}");
            at = found;
        }
        foreach (var type in new[] { "create", "start", "die", "stop", "destroy" })
            Assert.True(run.Stdout.Contains($"event {type} {name}:", StringComparison.Ordinal), $"the subscriber got no '{type}' event:\n{run.Output}");
    }
}
