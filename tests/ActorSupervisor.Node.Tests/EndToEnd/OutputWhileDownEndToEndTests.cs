using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;
using Xunit.Abstractions;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>
/// A workload's output while no node reads it: the node's output drain reads it into the log from the moment the node is
/// gone, so the workload never blocks and its lines keep the time they were written; the next node takes over.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OutputWhileDownEndToEndTests(ITestOutputHelper output)
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

    [Fact]
    public async Task A_workload_writes_8_mebibytes_while_its_node_is_down_without_blocking_and_its_lines_keep_their_times()
    {
        const int Ticks = 40, Block = 200; // each tick: a stamped line, then 200 lines of 1 KiB
        var gates = Directory.CreateTempSubdirectory("asv-output-drain-");
        try
        {
            var go = Path.Combine(gates.FullName, "go");
            var done = Path.Combine(gates.FullName, "done");
            await using var node = await NodeProcess.StartAsync();
            await node.Client.CreateContainerAsync(new RawContainerSpec
            {
                Name = "flood",
                Cmd = $"while [ ! -e {go} ]; do sleep 0.05; done; i=0; while [ $i -lt {Ticks} ]; do i=$((i+1)); echo \"tick $i $(date +%s%N)\"; " +
                    $"yes {new string('x', 1023)} | head -n {Block}; sleep 0.1; done; touch {done}; exec sleep 300",
                Restart = "unless-stopped",
            }, start: true);

            await node.KillAsync();
            // The drain takes over once the node is gone: from then on nothing waits in the pipes.
            await Eventually.TrueAsync(() => Task.FromResult(DrainReads(node.DataDirectory)), "the output drain reads the workload's pipes", TimeSpan.FromSeconds(30));
            File.WriteAllText(go, "");
            await Eventually.TrueAsync(() => Task.FromResult(File.Exists(done)), $"the workload writes {Ticks * Block / 1024} MiB with no node running", TimeSpan.FromSeconds(30));

            await node.StartAgainAsync();
            var lines = await Eventually.ValueAsync(() => node.Client.GetLogsAsync("flood"), l => l.Count(line => line.Text.Length == 1023) == Ticks * Block,
                $"all {Ticks * Block} lines are in the log", TimeSpan.FromSeconds(30));
            var ticks = lines.Where(l => l.Text.StartsWith("tick ", StringComparison.Ordinal)).Select(l => (Line: l, Fields: l.Text.Split(' '))).ToList();
            Assert.Equal(Enumerable.Range(1, Ticks).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ticks.Select(t => t.Fields[1]));
            // Stamped when written (by the drain), not when the next node read them, seconds later.
            var late = ticks.Select(t => (t.Line.Time - DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(t.Fields[2], System.Globalization.CultureInfo.InvariantCulture) / 1_000_000)).TotalMilliseconds).ToList();
            output.WriteLine(FormattableString.Invariant($"tick lines logged {late.Min():0.0} to {late.Max():0.0} ms after they were written (p50 {late.Order().ElementAt(late.Count / 2):0.0})"));
            Assert.All(late, ms => Assert.InRange(ms, -50, 1000));
        }
        finally
        {
            gates.Delete(recursive: true);
        }
    }

    /// <summary>Whether a process with the output drain's flag has a pipe of a container under <paramref name="dataDirectory"/> open.</summary>
    private static bool DrainReads(string dataDirectory)
    {
        foreach (var process in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(process, "cmdline")).Split('\0');
                if (commandLine[0] == "/bin/sh" || !commandLine.Contains(Containers.Runtimes.Process.OutputDrain.Flag)) continue;
                if (Directory.GetFiles(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target
                        && target.StartsWith(dataDirectory, StringComparison.Ordinal) && target.EndsWith("stdout.pipe", StringComparison.Ordinal)))
                    return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile
            }
        }
        return false;
    }
}
