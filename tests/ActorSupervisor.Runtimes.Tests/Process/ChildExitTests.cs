using System.Diagnostics;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary>
/// Issue 14: the end of a process that nobody has reaped yet (a node stopped with SIGSTOP reaps its workloads only when
/// it resumes) is read from the kernel, so it is dated when it ended, not when it was read.
/// </summary>
public sealed class ChildExitTests
{
    private static readonly TimeSpan ReadLate = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_end_of_an_unreaped_process_is_when_it_last_ran_not_when_it_is_read()
    {
        // The background sleep's parent execs into a sleep that never waits: it stays a zombie, as under a stopped node.
        using var parent = System.Diagnostics.Process.Start("/bin/sh", ["-c", "sleep 0.1 & exec sleep 30"]);
        var spawned = Stopwatch.GetTimestamp();
        try
        {
            var zombie = await Eventually.ValueAsync(() => Task.FromResult(ProcChildren.Of(parent.Id) is [var child] ? child : (int?)null), pid => pid is { } p && ProcStat.Read(p) is { HasExited: true },
                "the background sleep ends and stays unreaped");
            var seen = Stopwatch.GetTimestamp();
            await Task.Delay(ReadLate);

            // On a thread of its own, as the reaper's: the read moves the thread to the zombie's last CPU.
            var ended = await Task.Factory.StartNew(() => ChildExit.EndOf(zombie!.Value), TaskCreationOptions.LongRunning);

            Assert.NotNull(ended);
            // Interrupt and steal time during the wait can only date it later; half the wait covers a loaded machine,
            // and a time taken at the read would be the whole wait past the moment it was seen ended.
            Assert.InRange(ended.Value, spawned, seen + (long)(ReadLate.TotalSeconds / 2 * Stopwatch.Frequency));
        }
        finally
        {
            parent.Kill();
            await parent.WaitForExitAsync();
        }
    }
}
