using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>A workload's output while no node reads it: the pipe holds 1 MiB (Linux's default is 64 KiB) before it blocks.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OutputWhileDownEndToEndTests
{
    private const int Lines = 8192; // 64 bytes each: 512 KiB, eight times a default pipe

    [Fact]
    public async Task A_workload_writes_half_a_mebibyte_while_its_node_is_down_without_blocking_and_the_next_node_logs_all_of_it()
    {
        var gates = Directory.CreateTempSubdirectory("asv-output-down-");
        try
        {
            var go = Path.Combine(gates.FullName, "go");
            var done = Path.Combine(gates.FullName, "done");
            await using var node = await NodeProcess.StartAsync();
            await node.Client.CreateContainerAsync(new RawContainerSpec
            {
                Name = "chatty",
                Cmd = $"while [ ! -e {go} ]; do sleep 0.05; done; yes {new string('x', 63)} | head -n {Lines}; touch {done}; exec sleep 300",
                Restart = "unless-stopped",
            }, start: true);
            var pid = (await node.Client.InspectContainerAsync("chatty")).Pid;
            Assert.NotNull(pid);

            await node.KillAsync();
            File.WriteAllText(go, "");
            await Eventually.TrueAsync(() => Task.FromResult(File.Exists(done)), $"the workload writes {Lines * 64 / 1024} KiB with no node reading", TimeSpan.FromSeconds(20));

            await node.StartAgainAsync();
            var chatty = await node.Client.InspectContainerAsync("chatty");
            Assert.Equal((ContainerStates.Running, pid), (chatty.State, chatty.Pid));
            await Eventually.TrueAsync(async () => (await node.Client.GetLogsAsync("chatty")).Count(l => l.Stream == "stdout" && l.Text.Length == 63) == Lines,
                $"the adopted workload's {Lines} lines are in its log", TimeSpan.FromSeconds(30));
        }
        finally
        {
            gates.Delete(recursive: true);
        }
    }
}
