using System.Diagnostics;
using System.Globalization;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;
using Xunit.Abstractions;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>
/// Issues 14 and 15 on a real node: while the node is SIGSTOPped or killed, a workload's output never blocks it and
/// keeps the time each line was written, and a workload that exits keeps its exit code and the time it ended.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WorkloadKeeperEndToEndTests(ITestOutputHelper output)
{
    private const int Lines = 200;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task While_the_node_is_sigstopped_output_never_blocks_and_keeps_its_times_and_an_exit_keeps_code_3_and_its_time()
    {
        await using var node = await NodeProcess.StartAsync();
        var files = await StartWorkloadsAsync(node);

        Signal(node.Pid, "STOP");
        DateTimeOffset resumedAt;
        try
        {
            await WhileTheNodeIsAwayAsync(files);
        }
        finally
        {
            resumedAt = DateTimeOffset.UtcNow;
            Signal(node.Pid, "CONT");
        }

        await AssertKeptAsync(node, files, resumedAt);
    }

    [Fact]
    public async Task While_the_node_is_killed_output_never_blocks_and_keeps_its_times_and_an_exit_keeps_code_3_and_its_time_after_a_restart()
    {
        await using var node = await NodeProcess.StartAsync();
        var files = await StartWorkloadsAsync(node);

        await node.KillAsync();
        await WhileTheNodeIsAwayAsync(files);
        var restartedAt = DateTimeOffset.UtcNow;
        await node.StartAgainAsync();

        await AssertKeptAsync(node, files, restartedAt);
    }

    private sealed record Files(string Go, string Done, string Heartbeat, string Stamp);

    /// <summary>A writer of 1 MiB (200 lines of 5 KiB, each ending with its own clock) with a heartbeat, and one that exits 3; both wait for "go".</summary>
    private static async Task<Files> StartWorkloadsAsync(NodeProcess node)
    {
        var files = new Files(Path.Combine(node.Directory, "go"), Path.Combine(node.Directory, "done"), Path.Combine(node.Directory, "heartbeat"), Path.Combine(node.Directory, "stamp"));
        var wait = $"while [ ! -f {files.Go} ]; do sleep 0.02; done; ";
        await node.Client.CreateContainerAsync(new RawContainerSpec
        {
            Name = "writer",
            Cmd = wait + $"(while :; do date +%s%N > {files.Heartbeat}; sleep 0.05; done) & "
                + "i=0; pad=$(head -c 5120 /dev/zero | tr '\\0' x); "
                + $"while [ $i -lt {Lines} ]; do i=$((i+1)); echo \"$pad $i $(date +%s%N)\"; done; touch {files.Done}; sleep 300",
        }, start: true);
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "ender", Cmd = wait + $"echo bye; date +%s%N > {files.Stamp}; exit 3" }, start: true);
        foreach (var name in new[] { "writer", "ender" })
            await Eventually.TrueAsync(async () => (await node.Client.InspectContainerAsync(name)).State == ContainerStates.Running, $"{name} runs", Within);
        return files;
    }

    private static async Task WhileTheNodeIsAwayAsync(Files files)
    {
        await File.WriteAllTextAsync(files.Go, "");
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(files.Done)), "the writer to write 1 MiB while the node is away", Within);
        var beat = ReadClock(files.Heartbeat);
        await Eventually.TrueAsync(() => Task.FromResult(ReadClock(files.Heartbeat) > beat), "its heartbeat to keep ticking", Within);
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(files.Stamp)), "the ender to exit", Within);
        // Away a while longer: an exit stamped when the node noticed it, or lines stamped when read, would show it.
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    private async Task AssertKeptAsync(NodeProcess node, Files files, DateTimeOffset back)
    {
        var ended = DateTimeOffset.FromUnixTimeMilliseconds(ReadClock(files.Stamp) / 1_000_000);
        var ender = await Eventually.ValueAsync(() => node.Client.InspectContainerAsync("ender"), c => c.State == ContainerStates.Exited, "the ender shows its exit", Within);
        output.WriteLine($"FIGURE exit stamp - workload's stamp: {(ender!.FinishedAt!.Value - ended).TotalMilliseconds:F1} ms; node back {(back - ended).TotalMilliseconds:F0} ms after the exit");
        Assert.Equal(3, ender.ExitCode);
        Assert.True((ender.FinishedAt.Value - ended).Duration() < TimeSpan.FromMilliseconds(500), $"exit recorded at {ender.FinishedAt:O}; the workload stamped {ended:O}");
        Assert.Contains("bye", (await node.Client.GetLogsAsync("ender")).Select(l => l.Text));
        Assert.Contains((await node.Client.GetHistoryAsync("ender")).Select(e => e.Why), s => s.Contains("exited with code 3", StringComparison.Ordinal));

        var lines = await Eventually.ValueAsync(() => node.Client.GetLogsAsync("writer"), l => l.Count == Lines, $"the writer's {Lines} lines", Within);
        Assert.Equal(Enumerable.Range(1, Lines), lines!.Select(l => int.Parse(l.Text.Split(' ')[^2], CultureInfo.InvariantCulture)));
        foreach (var line in lines)
        {
            var written = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(line.Text.Split(' ')[^1], CultureInfo.InvariantCulture) / 1_000_000);
            Assert.True(line.Time < back, $"line stamped {line.Time:O}, when the node was back ({back:O})");
            Assert.True((line.Time - written).Duration() < TimeSpan.FromSeconds(1), $"line stamped {line.Time:O}, written at {written:O}");
        }
    }

    private static long ReadClock(string path) =>
        long.TryParse(File.Exists(path) ? File.ReadAllText(path).Trim() : "", CultureInfo.InvariantCulture, out var clock) ? clock : 0;

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
