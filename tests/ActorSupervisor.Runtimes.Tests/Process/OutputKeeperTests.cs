using System.Globalization;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary>
/// Issues 14 and 15: what a workload does while no runtime watches it (the node stopped or down) is kept by its shim:
/// output is never blocked and keeps the time each line was written; the exit keeps its code and time.
/// </summary>
public sealed class OutputKeeperTests : ProcessRuntimeFixture
{
    [Fact]
    public async Task Output_written_while_no_runtime_reads_never_blocks_the_workload_and_keeps_its_write_times()
    {
        var done = Path.Combine(Scratch.Directory, "done");
        var heartbeat = Path.Combine(Scratch.Directory, "heartbeat");
        // 200 lines of 5 KiB (1 MiB, 16 pipe buffers), each ending with the workload's own clock; a heartbeat file beside.
        var script = $"(while :; do date +%s%N > {heartbeat}; sleep 0.05; done) & "
            + "i=0; pad=$(head -c 5120 /dev/zero | tr '\\0' x); "
            + "while [ $i -lt 200 ]; do i=$((i+1)); echo \"$pad $i $(date +%s%N)\"; done; "
            + $"touch {done}; sleep 300";
        var handle = await Runtime.StartAsync("writer", new ContainerSpec { Name = "writer", Command = CommandLine.Shell(script) });
        await Runtime.DisposeAsync(); // the node is gone: nobody reads the pipes

        await Eventually.TrueAsync(() => File.Exists(done), "the workload to write 1 MiB with no node reading", Within);
        // The heartbeat file is rewritten in place: a read may catch it empty.
        var beat = await Eventually.ValueAsync(() => Task.FromResult(long.TryParse(File.ReadAllText(heartbeat).Trim(), CultureInfo.InvariantCulture, out var b) ? b : 0L),
            b => b > 0, "a heartbeat", Within);
        await Eventually.TrueAsync(() => long.TryParse(File.ReadAllText(heartbeat).Trim(), CultureInfo.InvariantCulture, out var later) && later > beat,
            "the heartbeat to keep ticking", Within);

        await Task.Delay(300); // written well before the adoption: a line stamped when read would show it
        var adoptedAt = DateTimeOffset.UtcNow;
        await using var fresh = new ProcessRuntime(Scratch.Options);
        Assert.True((await fresh.AdoptAsync(handle)).Running);
        var lines = await Eventually.ValueAsync(async () => await fresh.ReadLogsAsync("writer", new LogQuery()).ToListAsync(), l => l.Count == 200, "all 200 lines", Within);
        foreach (var line in lines!)
        {
            var own = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(line.Text.Split(' ')[^1], CultureInfo.InvariantCulture) / 1_000_000);
            Assert.True(line.Timestamp < adoptedAt, $"line stamped {line.Timestamp:O}, after the adoption at {adoptedAt:O}");
            Assert.True((line.Timestamp - own).Duration() < TimeSpan.FromSeconds(1), $"line stamped {line.Timestamp:O}, written at {own:O}");
        }
        Assert.Equal(Enumerable.Range(1, 200), lines.Select(l => int.Parse(l.Text.Split(' ')[^2], CultureInfo.InvariantCulture)));

        await fresh.KillAsync(handle, "SIGKILL");
        await new SignalRecorder(fresh).WaitForAsync<WorkloadExited>("writer", Within);
    }

    [Fact]
    public async Task An_exit_while_no_runtime_watched_keeps_its_code_and_time_and_its_last_output()
    {
        var stamp = Path.Combine(Scratch.Directory, "stamp");
        var handle = await Runtime.StartAsync("exit3", new ContainerSpec
        {
            Name = "exit3",
            Command = CommandLine.Shell($"sleep 0.5; echo last words; date +%s%N > {stamp}; exit 3"),
        });
        await Runtime.DisposeAsync();
        var pid = int.Parse(handle.WorkloadId, CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => File.Exists(stamp) && !Directory.Exists($"/proc/{pid}/task"), "the workload to end", Within);
        await Task.Delay(2000); // a runtime that stamped the exit when it saw it would be 2 s late

        await using var fresh = new ProcessRuntime(Scratch.Options);
        var status = await fresh.AdoptAsync(handle);

        var own = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(File.ReadAllText(stamp).Trim(), CultureInfo.InvariantCulture) / 1_000_000);
        Assert.Equal((false, 3, false), (status.Running, status.ExitCode, status.OomKilled));
        Assert.NotNull(status.FinishedAt);
        Assert.True((status.FinishedAt!.Value - own).Duration() < TimeSpan.FromMilliseconds(500), $"exit recorded at {status.FinishedAt:O}, the workload's stamp {own:O}");
        Assert.Equal(["last words"], (await fresh.ReadLogsAsync("exit3", new LogQuery()).ToListAsync()).Select(l => l.Text));
        Assert.Empty(Directory.GetFiles(Path.Combine(Scratch.Options.LogDirectory, "exit3"), $"{pid}.*"));
    }
}
