using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Fake;
using Microsoft.Extensions.Time.Testing;

namespace ActorSupervisor.Runtimes.Tests.Fake;

/// <summary>The scripted fake on virtual time: every outcome is decided by the script and the clock, never by a race.</summary>
public sealed class FakeRuntimeTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeRuntime _runtime;

    public FakeRuntimeTests() => _runtime = new FakeRuntime(_time);

    private static ContainerSpec Spec => new() { Name = "fake", Runtime = RuntimeKind.Fake, Command = CommandLine.Exec("serve") };

    private List<RuntimeSignal> Drain()
    {
        var signals = new List<RuntimeSignal>();
        while (_runtime.Signals.TryRead(out var signal))
        {
            signals.Add(signal);
        }
        return signals;
    }

    [Fact]
    public async Task A_scripted_exit_happens_exactly_at_its_time_with_its_code()
    {
        _runtime.Script("web", FakeBehavior.Exits(3, TimeSpan.FromSeconds(5)));
        var handle = await _runtime.StartAsync("web", Spec);
        Assert.IsType<WorkloadStarted>(Assert.Single(Drain()));

        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.Empty(Drain());
        Assert.True((await _runtime.InspectAsync(handle)).Running);

        _time.Advance(TimeSpan.FromTicks(1));
        var exited = Assert.IsType<WorkloadExited>(Assert.Single(Drain()));
        Assert.Equal(3, exited.ExitCode);
        Assert.Equal(handle.StartedAt + TimeSpan.FromSeconds(5), exited.At);
        Assert.Equal(new WorkloadStatus(false, 3, false, exited.At), await _runtime.InspectAsync(handle));
    }

    [Fact]
    public async Task An_oom_is_reported_then_the_exit_with_137_and_oom_killed()
    {
        _runtime.Script("hog", new FakeBehavior { OomAfter = TimeSpan.FromSeconds(2), ExitAfter = TimeSpan.FromSeconds(10) });
        await _runtime.StartAsync("hog", Spec);
        Drain();

        _time.Advance(TimeSpan.FromSeconds(2));

        var signals = Drain();
        Assert.IsType<WorkloadOomKilled>(signals[0]);
        var exited = Assert.IsType<WorkloadExited>(signals[1]);
        Assert.Equal((137, true), (exited.ExitCode, exited.OomKilled));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(Drain());
    }

    [Fact]
    public async Task A_workload_hanging_on_stop_is_killed_at_the_stop_timeout()
    {
        _runtime.Script("stubborn", new FakeBehavior { HangOnStop = true });
        var handle = await _runtime.StartAsync("stubborn", Spec);
        Drain();

        var stop = _runtime.StopAsync(handle, "SIGTERM", TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(stop.IsCompleted);
        Assert.Empty(Drain());

        _time.Advance(TimeSpan.FromSeconds(1));
        await stop;
        Assert.Equal(137, Assert.IsType<WorkloadExited>(Assert.Single(Drain())).ExitCode);
    }

    // SEMANTICS "stop" row: kill (15), kill (9) when it escalates: the runtime says when it escalates, before the exit.
    [Fact]
    public async Task A_stop_that_escalates_says_so_before_the_exit_and_one_that_does_not_stays_silent()
    {
        _runtime.Script("stubborn", new FakeBehavior { HangOnStop = true });
        var handle = await _runtime.StartAsync("stubborn", Spec);
        Drain();
        var escalations = new List<(DateTimeOffset At, int SignalsBefore)>();

        var stop = _runtime.StopAsync(handle, "SIGTERM", TimeSpan.FromSeconds(10), at => escalations.Add((at, Drain().Count)));
        _time.Advance(TimeSpan.FromSeconds(10));
        await stop;

        Assert.Equal([(_time.GetUtcNow(), 0)], escalations);
        Assert.Equal(137, Assert.IsType<WorkloadExited>(Assert.Single(Drain())).ExitCode);

        var calm = await _runtime.StartAsync("web", Spec);
        await _runtime.StopAsync(calm, "SIGTERM", TimeSpan.FromSeconds(10), _ => escalations.Add(default));
        Assert.Single(escalations);
    }

    [Fact]
    public async Task A_normal_stop_exits_at_once_with_128_plus_the_signal()
    {
        var handle = await _runtime.StartAsync("web", Spec);
        await _runtime.StopAsync(handle, "SIGINT", TimeSpan.FromSeconds(10));
        Assert.Equal(130, Drain().OfType<WorkloadExited>().Single().ExitCode);
        await _runtime.StopAsync(handle, "SIGTERM", TimeSpan.FromSeconds(10));
        Assert.Empty(Drain());
    }

    [Fact]
    public async Task Probes_follow_the_script_and_a_hanging_one_times_out_on_the_clock()
    {
        _runtime.Script("sick", new FakeBehavior { ProbeExitCode = 1, ProbeOutput = new string('x', 5000) });
        _runtime.Script("stuck", new FakeBehavior { ProbeHangs = true, ProbeOutput = "partial" });
        var sick = await _runtime.StartAsync("sick", Spec);
        var stuck = await _runtime.StartAsync("stuck", Spec);

        var failed = await _runtime.ExecProbeAsync(sick, CommandLine.Exec("check"), TimeSpan.FromSeconds(1));
        // One byte past Docker's cap is kept, so that the health monitor stores 4096 bytes and "...".
        Assert.Equal((1, 4097, false), (failed.ExitCode, failed.Output.Length, failed.TimedOut));
        Assert.Equal(new string('x', 4096) + "...", ActorSupervisor.Containers.Domain.Health.HealthMonitor.CapOutput(failed.Output));

        var probe = _runtime.ExecProbeAsync(stuck, CommandLine.Exec("check"), TimeSpan.FromSeconds(3));
        Assert.False(probe.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3));
        var timedOut = await probe;
        Assert.Equal((-1, true, "partial"), (timedOut.ExitCode, timedOut.TimedOut, timedOut.Output));
    }

    [Fact]
    public async Task Pause_and_unpause_are_reported_and_checked()
    {
        var handle = await _runtime.StartAsync("web", Spec);
        await _runtime.PauseAsync(handle);
        await Assert.ThrowsAsync<RuntimeOperationException>(() => _runtime.PauseAsync(handle));
        await _runtime.UnpauseAsync(handle);
        Assert.Equal(["WorkloadStarted", "WorkloadPaused", "WorkloadResumed"], Drain().Select(s => s.GetType().Name).ToArray());
    }

    [Fact]
    public async Task A_scripted_start_failure_and_bad_scripts_are_clear_errors()
    {
        _runtime.Script("broken", new FakeBehavior { StartFailure = "No such image: nope:latest" });
        var failure = await Assert.ThrowsAsync<RuntimeOperationException>(() => _runtime.StartAsync("broken", Spec));
        Assert.Equal("container broken: No such image: nope:latest", failure.Message);
        Assert.Throws<ArgumentException>(() => _runtime.Script("x", new FakeBehavior { ExitCode = 300 }));
        Assert.Empty(Drain());
        Assert.False((await _runtime.AdoptAsync(new WorkloadHandle("other", "fake-99", _time.GetUtcNow()))).Running);
    }

    [Fact]
    public async Task Scripted_output_is_readable_with_tail()
    {
        _runtime.Script("chatty", new FakeBehavior { Output = ["a", "b", "c"] });
        await _runtime.StartAsync("chatty", Spec);
        var lines = await _runtime.ReadLogsAsync("chatty", new LogQuery(Tail: 2)).Select(l => l.Text).ToListAsync();
        Assert.Equal(["b", "c"], lines);
    }

    [Fact]
    public async Task A_hundred_thousand_workloads_run_in_one_process()
    {
        var handles = new List<WorkloadHandle>(100_000);
        for (var i = 0; i < 100_000; i++)
        {
            handles.Add(await _runtime.StartAsync("c" + i, Spec));
        }
        Assert.Equal(100_000, _runtime.RunningCount);

        foreach (var handle in handles)
        {
            await _runtime.KillAsync(handle, "KILL");
        }
        Assert.Equal(0, _runtime.RunningCount);
        Assert.Equal(200_000, Drain().Count);
    }
}
