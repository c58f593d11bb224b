using System.Diagnostics;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Logs;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Runtimes.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary>
/// Issue 14: a workload writing as fast as it can (it blocks on the pipe, so it writes at the rate the node reads)
/// must not grow the node's memory, whoever follows its log; the rate is printed for the docs.
/// </summary>
public sealed class FastWriterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Megabyte = 1024 * 1024;
    private readonly ProcessRuntimeScratch _scratch = new();
    private ProcessRuntime _runtime = null!;

    public Task InitializeAsync()
    {
        _runtime = new ProcessRuntime(_scratch.Options with { LogMaxBytes = 32 * Megabyte, LogMaxFiles = 2 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task A_follower_that_never_reads_is_ended_after_its_backlog_and_memory_stays_bounded()
    {
        var directory = Path.Combine(_scratch.Directory, "unit");
        using var log = new ContainerLog(directory, 8 * Megabyte, 2, tailLines: 200, new FakeTimeProvider());
        log.BeginWorkload();
        var stalled = log.ReadAsync(new LogQuery(Follow: true), CancellationToken.None).GetAsyncEnumerator();
        var pending = stalled.MoveNextAsync(); // subscribed, then never read again
        var text = new string('x', 1000);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 100_000; i++)
            log.Append(LogStream.Stdout, text);

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 32 * Megabyte, $"100 MB of output grew the heap by {grown / Megabyte} MB");
        Assert.True(await pending);
        var received = 1;
        while (await stalled.MoveNextAsync())
            received++;
        // The line handed to the read that was waiting, then a backlog's worth queued, then an orderly end.
        Assert.InRange(received, ContainerLog.FollowerBacklog, ContainerLog.FollowerBacklog + 1);
        await stalled.DisposeAsync();
    }

    [Fact]
    public async Task A_workload_writing_flat_out_is_logged_in_full_with_bounded_memory_and_its_rate_is_measured()
    {
        const long total = 200 * Megabyte;
        var signals = new SignalRecorder(_runtime);
        var self = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        // 100-byte lines (99 characters and a newline), as fast as the pipe takes them.
        await _runtime.StartAsync("flat", new ContainerSpec { Name = "flat", Command = CommandLine.Shell($"head -c {total / 100 * 99} /dev/zero | tr '\\0' a | fold -w 99") });
        await signals.WaitForAsync<WorkloadExited>("flat", TimeSpan.FromMinutes(5));

        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var heap = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var logged = Directory.GetFiles(Path.Combine(_scratch.Options.LogDirectory, "flat")).Sum(f => new FileInfo(f).Length);
        output.WriteLine($"FIGURE log.rate_mb_per_s {total / Megabyte / seconds:F1} ({total / Megabyte} MB in {seconds:F1} s)");
        output.WriteLine($"FIGURE log.cpu_s_per_100mb {cpu / (total / Megabyte) * 100:F2} (reader's process, all threads)");
        output.WriteLine($"FIGURE log.heap_growth_mb {heap / (double)Megabyte:F1}; kept on disk {logged / Megabyte} MB");
        Assert.True(heap < 32 * Megabyte, $"the heap grew by {heap / Megabyte} MB");
        var tail = await _runtime.ReadLogsAsync("flat", new LogQuery(Tail: 1)).ToListAsync();
        Assert.Equal(new string('a', 99), tail.Single().Text);
    }
}
