using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values.Specs;
using Xunit.Abstractions;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>
/// Workloads that end while no node runs: each workload's keeper outlives the node and records its exit code, so the
/// node that starts again knows how each ended and when, and the restart policy decides on the real code (Docker's
/// restore does the same with containerd's record).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExitWhileNodeDownEndToEndTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("stop")]
    [InlineData("kill")]
    public async Task Workloads_that_end_while_the_node_is_down_keep_their_exit_codes_and_their_policies_decide_on_them(string how)
    {
        await using var node = await NodeProcess.StartAsync();
        // Each waits for the test's go file, written once the node is gone, then ends.
        var go = Path.Combine(node.Directory, "go");
        string WaitThen(string end) => $"while [ ! -e {go} ]; do sleep 0.05; done; {end}";
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "clean", Cmd = WaitThen("exit 0"), Restart = "on-failure" }, start: true);
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "failed", Cmd = WaitThen("exit 3"), Restart = "no" }, start: true);
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "killed", Cmd = WaitThen("kill -KILL $$"), Restart = "no" }, start: true);
        var pids = new List<int>();
        foreach (var name in new[] { "clean", "failed", "killed" })
            pids.Add((await node.Client.InspectContainerAsync(name)).Pid ?? throw new InvalidOperationException($"{name} has no pid"));

        if (how == "stop") Assert.Equal(0, await node.StopAsync());
        else await node.KillAsync();
        await File.WriteAllTextAsync(go, "");
        var wentAt = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(() => Task.FromResult(pids.All(pid => !Directory.Exists($"/proc/{pid}"))), "the workloads ended", TimeSpan.FromSeconds(30));
        var endedBy = DateTimeOffset.UtcNow;
        await node.StartAgainAsync();

        var clean = await Eventually.ValueAsync(() => node.Client.InspectContainerAsync("clean"), c => c.State == ContainerStates.Exited, "clean is seen exited");
        var failed = await Eventually.ValueAsync(() => node.Client.InspectContainerAsync("failed"), c => c.State == ContainerStates.Exited, "failed is seen exited");
        var killed = await Eventually.ValueAsync(() => node.Client.InspectContainerAsync("killed"), c => c.State == ContainerStates.Exited, "killed is seen exited");
        output.WriteLine($"go at {wentAt:HH:mm:ss.fff}, all gone by {endedBy:HH:mm:ss.fff}; finished at {clean.FinishedAt:HH:mm:ss.fff}, {failed.FinishedAt:HH:mm:ss.fff}, {killed.FinishedAt:HH:mm:ss.fff}");

        Assert.Equal((0, 0), (clean.ExitCode, clean.RestartCount)); // on-failure does not restart a clean exit
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal(137, killed.ExitCode);
        // Dated when they ended, not when the node found them gone.
        Assert.All([clean, failed, killed], c => Assert.InRange(c.FinishedAt!.Value, wentAt.AddSeconds(-1), endedBy.AddSeconds(1)));
        Assert.Contains("exited with code 3", (await node.Client.GetHistoryAsync("failed")).Last(e => e.Type == EventTypes.Die).Why);
    }
}
