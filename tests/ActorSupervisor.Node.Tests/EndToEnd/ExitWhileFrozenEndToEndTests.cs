using System.Globalization;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;
using Xunit.Abstractions;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>A workload that ends while its node is stopped (SIGSTOP) is recorded with the time it ended, not the time the node resumed.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExitWhileFrozenEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Frozen = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_exit_while_the_node_is_frozen_is_recorded_when_it_happened()
    {
        var gates = Directory.CreateTempSubdirectory("asv-exit-frozen-");
        try
        {
            var go = Path.Combine(gates.FullName, "go");
            var stamp = Path.Combine(gates.FullName, "stamp");
            await using var node = await NodeProcess.StartAsync();
            await node.Client.CreateContainerAsync(new RawContainerSpec
            {
                Name = "brief",
                // Its own clock says when it ends: the stamp is written just before the exit.
                Cmd = $"while [ ! -e {go} ]; do sleep 0.05; done; date +%s%N > {stamp}.tmp; mv {stamp}.tmp {stamp}; exit 3",
                Restart = "no",
            }, start: true);

            node.Signal("STOP");
            try
            {
                File.WriteAllText(go, "");
                await Eventually.TrueAsync(() => File.Exists(stamp), "the workload ends while its node is stopped", TimeSpan.FromSeconds(20));
                // The node stays stopped well past the exit, so a time taken at the resume would be seconds late.
                await Task.Delay(Frozen);
            }
            finally
            {
                node.Signal("CONT");
            }

            var ended = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(File.ReadAllText(stamp).Trim(), CultureInfo.InvariantCulture) / 1_000_000);
            var brief = await Eventually.ValueAsync(() => node.Client.InspectContainerAsync("brief"), c => c.State == ContainerStates.Exited, "the exit is recorded after the resume");
            Assert.Equal(3, brief.ExitCode);
            Assert.NotNull(brief.FinishedAt);
            output.WriteLine($"recorded end - workload's own stamp: {(brief.FinishedAt.Value - ended).TotalMilliseconds:F1} ms after a {Frozen.TotalSeconds} s freeze");
            // The stamp is taken a shell command before the exit; the margin covers a loaded machine, far below the freeze.
            Assert.InRange((brief.FinishedAt.Value - ended).TotalMilliseconds, -5, 500);
        }
        finally
        {
            gates.Delete(recursive: true);
        }
    }
}
