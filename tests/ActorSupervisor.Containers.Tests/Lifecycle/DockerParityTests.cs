using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Values;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;
using static ActorSupervisor.Containers.Tests.Lifecycle.ContainerHarness;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

// Issue 15, "Docker's behaviour, where we differ today". Oracle: SEMANTICS.md "Our decisions" (rows named per
// test) and 1.1-1.3, corrected from a real engine.
public class DockerParityTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly HealthCheck Probe = new() { Test = CommandLine.Shell("curl -f localhost"), Retries = 1 };

    private static string[] Actions(IEnumerable<ContainerEvent> events) => events.Select(e => e.Action).ToArray();

    // "events" row: an automatic restart is die then start; the decision (attempt, delay, backoff, reason) stays in
    // the journal (container.restart.v1) so that replay is exact; the API does not narrate it as `restart`.
    [Fact]
    public void A_policy_restart_keeps_its_decision_in_the_journal_and_replays_exactly()
    {
        var harness = Running(Spec(RestartPolicy.OnFailure(5)));
        harness.Exit(1, Second);
        harness.Supervise();
        harness.RestartNow();

        Assert.Equal(["create", "start", "die", "restart", "start"], Actions(harness.History));
        var restart = Assert.IsType<ContainerEvent.Restarting>(harness.History[3]);
        Assert.Equal((1, true, TimeSpan.FromMilliseconds(100)), (restart.Attempt, restart.ByPolicy, restart.Delay));
        Assert.Equal(StartTrigger.Policy, Assert.IsType<ContainerEvent.Started>(harness.History[^1]).Trigger);
        Assert.Equal(Json(harness.State), Json(ContainerState.Replay(harness.History)));
    }

    // "stop" row: kill (15), kill (9) when it escalates, die, stop.
    [Fact]
    public void A_stop_that_escalates_records_kill_15_kill_9_die_stop()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        var effects = harness.Send(new Stop()).Effects;
        Assert.Contains(new ContainerEffect.StopWorkload("SIGTERM", 10 * Second), effects);
        harness.Advance(10 * Second);
        var escalation = Assert.IsType<ContainerEvent.Killed>(Assert.Single(harness.Accept(new RuntimeStopEscalated())));
        Assert.Equal(("SIGKILL", StopPurpose.Stop, true), (escalation.Signal, escalation.Purpose, escalation.CancelsRestart));
        Assert.Empty(harness.Last.Effects); // the runtime is sending it already
        harness.Exit(137, TimeSpan.Zero);

        Assert.Equal(["create", "start", "kill", "kill", "die", "stop"], Actions(harness.History));
        Assert.Equal(["SIGTERM", "SIGKILL"], harness.History.OfType<ContainerEvent.Killed>().Select(k => k.Signal));
        Assert.Equal((ContainerStatus.Exited, true, 137), (harness.State.Status, harness.State.ManuallyStopped, harness.State.ExitCode));
    }

    [Fact]
    public void An_escalation_keeps_the_purpose_of_the_stop_it_escalates()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        harness.Accept(new Restart());
        Assert.Equal(StopPurpose.Restart, Assert.IsType<ContainerEvent.Killed>(Assert.Single(harness.Accept(new RuntimeStopEscalated()))).Purpose);
        Assert.Equal(["die", "stop", "restart"], Actions(harness.Exit(137, Second)));
    }

    [Fact]
    public void An_escalation_without_a_stop_under_way_is_rejected()
    {
        Assert.Contains("no stop is in progress", Running(Spec()).Reject(new RuntimeStopEscalated()));
        var killed = Running(Spec());
        killed.Accept(new Kill("SIGHUP"));
        Assert.Contains("no stop is in progress", killed.Reject(new RuntimeStopEscalated()));
    }

    // "health output" row: the first 4096 bytes followed by `...` (4099 bytes stored). The runtime keeps 4097 bytes.
    [Fact]
    public void Probe_output_the_runtime_kept_past_the_cap_is_stored_as_4096_bytes_and_dots()
    {
        var harness = Running(Spec() with { HealthCheck = Probe });
        harness.Advance(30 * Second);
        harness.Accept(new HealthResult(1, new string('x', HealthMonitor.MaxOutputBytes + 1), Second));
        Assert.Equal(new string('x', 4096) + "...", harness.State.Health!.Log[^1].Output);
    }

    // "health transitions" row (Pause, seen on a real engine): the monitor stops, inspect shows unhealthy with
    // streak 0 and no event; after unpause the first probe runs one interval later and its pass sends healthy again.
    [Fact]
    public void Pause_shows_unhealthy_with_streak_0_and_the_first_pass_after_unpause_is_healthy_again()
    {
        var harness = Running(Spec() with { HealthCheck = Probe with { Interval = 5 * Second } });
        harness.Advance(5 * Second);
        Assert.Equal(["health_probe", "health_status"], Actions(harness.Accept(new HealthResult(0, "ok", Second))));
        Assert.Equal(HealthStatus.Healthy, harness.State.Health!.Status);

        Assert.Equal(["pause"], Actions(harness.Accept(new RuntimePaused())));
        Assert.Contains(new ContainerEffect.CancelHealthProbe(), harness.Last.Effects);
        Assert.Equal((HealthStatus.Unhealthy, 0), (harness.State.Health!.Status, harness.State.Health.FailingStreak));
        Assert.Contains("not paused", harness.Reject(new HealthResult(0, "ok", Second)));

        harness.Advance(Second);
        Assert.Equal(["unpause"], Actions(harness.Accept(new RuntimeResumed())));
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(5 * Second)], harness.Last.Effects);
        harness.Advance(5 * Second);
        var events = harness.Accept(new HealthResult(0, "ok", Second));
        Assert.Equal(["health_probe", "health_status"], Actions(events));
        Assert.Equal(HealthStatus.Healthy, Assert.IsType<ContainerEvent.HealthStatusChanged>(events[^1]).Status);
    }

    // "health transitions" row: every start resets the health to starting, streak 0.
    [Fact]
    public void Every_start_resets_the_failing_streak_to_0()
    {
        var harness = Running(Spec(RestartPolicy.Always) with { HealthCheck = Probe with { Retries = 5 } });
        for (var probe = 0; probe < 2; probe++)
        {
            harness.Advance(30 * Second);
            harness.Accept(new HealthResult(1, "refused", Second));
        }
        Assert.Equal(2, harness.State.Health!.FailingStreak);
        harness.Exit(1, Second);
        harness.Supervise();
        harness.RestartNow();
        Assert.Equal((HealthStatus.Starting, 0), (harness.State.Health!.Status, harness.State.Health.FailingStreak));
    }

    // docs/api.md: start's trigger = operator, policy or recovery. The node's restore start is `recovery` and, as
    // Docker's restore (containerStart with resetRestartManager), resets the count rather than raising it.
    [Fact]
    public void A_start_by_the_node_at_its_start_is_recorded_as_recovery()
    {
        var fresh = Running(Spec(RestartPolicy.Always));
        fresh.Accept(new Stop());
        fresh.Exit(143, Second);
        Assert.True(fresh.State.ShouldStartOnNodeStart);
        fresh.Accept(new Start(StartTrigger.Recovery));
        Assert.Equal([new ContainerEffect.StartWorkload(StartTrigger.Recovery)], fresh.Last.Effects);
        var started = Assert.IsType<ContainerEvent.Started>(Assert.Single(fresh.Accept(new RuntimeStarted(fresh.NextWorkload(), 7, Trigger: StartTrigger.Recovery))));
        Assert.Equal((StartTrigger.Recovery, false, true), (started.Trigger, started.ByPolicy, started.Recovery));
        Assert.Equal(0, fresh.State.RestartCount);
    }

    [Fact]
    public void Start_refuses_to_pose_as_the_policy()
    {
        var harness = new ContainerHarness();
        harness.Accept(new Create(Spec()));
        Assert.Contains("restart decision", harness.Reject(new Start(StartTrigger.Policy)));
    }

    // "node restart" + "workloads across a node restart" rows: a shutdown that stops the workloads records kill, die,
    // stop when they happen; it is not a manual stop, nothing is restarted or counted; the node's start brings back
    // what Docker's restore brings back (on-failure too: the shutdown's kill made its exit a failure).
    [Theory]
    [InlineData("always", true)]
    [InlineData("unless-stopped", true)]
    [InlineData("on-failure:5", true)]
    [InlineData("no", false)]
    public void A_shutdown_stop_records_kill_die_stop_without_counting_and_the_node_start_applies_the_restore_rule(string policy, bool comesBack)
    {
        Assert.True(RestartPolicy.TryParse(policy, out var parsed, out _));
        var harness = Running(Spec(parsed));
        if (parsed.Kind != RestartPolicyKind.No)
        {
            harness.Exit(1, Second); harness.Supervise(); harness.RestartNow();
        }
        var countBefore = harness.State.RestartCount;

        var kill = Assert.IsType<ContainerEvent.Killed>(Assert.Single(harness.Accept(new ShutdownStop())));
        Assert.Equal(("SIGTERM", StopPurpose.Shutdown), (kill.Signal, kill.Purpose));
        Assert.Contains(new ContainerEffect.StopWorkload("SIGTERM", 10 * Second), harness.Last.Effects);
        Assert.Equal(["kill"], Actions(harness.Accept(new RuntimeStopEscalated())));
        var stopped = harness.Exit(137, Second);
        Assert.Equal(["die", "stop"], Actions(stopped));
        Assert.True(Assert.IsType<ContainerEvent.Stopped>(stopped[1]).ByShutdown);
        Assert.DoesNotContain(harness.Last.Effects, e => e is ContainerEffect.ReportExit);
        Assert.Equal((ContainerStatus.Exited, false, countBefore), (harness.State.Status, harness.State.ManuallyStopped, harness.State.RestartCount));

        Assert.Equal(comesBack, harness.State.ShouldStartOnNodeStart);
        if (!comesBack) return;
        harness.Accept(new Start(StartTrigger.Recovery));
        harness.Accept(new RuntimeStarted(harness.NextWorkload(), 9, Trigger: StartTrigger.Recovery));
        Assert.Equal(0, harness.State.RestartCount); // restore's start resets the count, never raises it
    }

    [Fact]
    public void A_shutdown_stop_of_what_does_not_run_or_is_already_stopping_records_nothing()
    {
        var created = new ContainerHarness();
        created.Accept(new Create(Spec()));
        Assert.Empty(created.Accept(new ShutdownStop()));
        var stopping = Running(Spec());
        stopping.Accept(new Stop());
        Assert.Empty(stopping.Accept(new ShutdownStop()));
        Assert.Empty(stopping.Last.Effects);
    }

    [Fact]
    public void An_operator_stop_before_the_shutdown_stays_a_manual_stop()
    {
        var harness = Running(Spec(RestartPolicy.UnlessStopped));
        harness.Accept(new ShutdownStop());
        harness.Accept(new Stop()); // an operator's stop takes over
        harness.Exit(143, Second);
        Assert.True(harness.State.ManuallyStopped);
        Assert.False(harness.State.ShouldStartOnNodeStart);
    }

    // "node restart" row: on-failure comes back when its last exit was non-zero and not a manual stop.
    [Theory]
    [InlineData("on-failure", false, 1, 0, true)]
    [InlineData("on-failure", false, null, 0, true)]
    [InlineData("on-failure", false, 0, 0, false)]
    [InlineData("on-failure", true, 143, 0, false)]
    [InlineData("on-failure:3", false, 1, 2, true)]
    [InlineData("on-failure:3", false, 1, 3, false)]
    public void On_failure_comes_back_with_the_node_after_a_failure(string policy, bool manuallyStopped, int? exitCode, int restarts, bool expected)
    {
        Assert.True(RestartPolicy.TryParse(policy, out var parsed, out _));
        Assert.Equal(expected, parsed.ShouldRestartOnNodeStart(manuallyStopped, true, exitCode, restarts));
    }

    // 1.1 Exit: handleContainerExit uses time.Since(StartedAt), StartedAt being the spawn: `sleep 1; exit 1` ran 1 s
    // even when the start reached the decider 58 ms after the spawn.
    [Fact]
    public void Run_time_is_measured_from_the_spawn()
    {
        var harness = new ContainerHarness();
        harness.Accept(new Create(Spec()));
        harness.Accept(new Start());
        var spawned = harness.Now;
        harness.Advance(TimeSpan.FromMilliseconds(58));
        var started = Assert.IsType<ContainerEvent.Started>(Assert.Single(harness.Accept(new RuntimeStarted("w1", 1, At: spawned))));
        Assert.Equal(spawned, started.At);
        Assert.Equal(spawned, harness.State.StartedAt);

        harness.Advance(TimeSpan.FromMilliseconds(942));
        var died = Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Accept(new RuntimeExited(1, false, harness.Now))));
        Assert.Equal(Second, died.ExecDuration);
    }

    [Fact]
    public void A_spawn_time_in_the_future_is_taken_as_now() =>
        Assert.Equal(Epoch, Assert.IsType<ContainerEvent.Started>(Assert.Single(
            Created().Accept(new RuntimeStarted("w1", 1, At: Epoch + Second)))).At);

    private static ContainerHarness Created()
    {
        var harness = new ContainerHarness();
        harness.Accept(new Create(Spec()));
        harness.Accept(new Start());
        return harness;
    }

    // docs/api.md stop: "Already stopped: no change, 200"; Docker answers 304 and `docker stop` exits 0. A second
    // stop while one is under way waits for the same exit (8 concurrent clients must all succeed).
    [Theory]
    [InlineData(ContainerStatus.Created)]
    [InlineData(ContainerStatus.Exited)]
    public void Stop_of_a_stopped_container_is_a_no_op(ContainerStatus status)
    {
        var harness = new ContainerHarness();
        harness.Accept(new Create(Spec()));
        if (status == ContainerStatus.Exited)
        {
            harness.Accept(new Start());
            harness.Accept(new RuntimeStarted("w1", 1));
            harness.Exit(0, Second);
        }
        var before = Json(harness.State);
        Assert.Empty(harness.Accept(new Stop()));
        Assert.Empty(harness.Last.Effects);
        Assert.Equal(before, Json(harness.State));
    }

    [Fact]
    public void A_second_stop_while_stopping_is_a_no_op_and_kill_of_a_stopped_container_stays_an_error()
    {
        var harness = Running(Spec());
        harness.Accept(new Stop());
        Assert.Empty(harness.Accept(new Stop()));
        Assert.Empty(harness.Last.Effects);
        harness.Exit(143, Second);
        Assert.Contains("nothing runs", harness.Reject(new Kill()));
    }
}
