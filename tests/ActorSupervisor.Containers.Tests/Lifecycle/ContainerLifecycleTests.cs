using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;
using static ActorSupervisor.Containers.Tests.Lifecycle.ContainerHarness;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

// Oracle: SEMANTICS.md 1.1 (moby restart manager, kill, monitor, start) and 1.3 (OOM, pause, events).
public class ContainerLifecycleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static string[] Actions(IEnumerable<ContainerEvent> events) => events.Select(e => e.Action).ToArray();

    [Fact]
    public void Create_then_start_runs_the_workload_and_records_it()
    {
        var harness = new ContainerHarness();
        Assert.Equal(["create"], Actions(harness.Accept(new Create(Spec()))));
        Assert.Equal(ContainerStatus.Created, harness.State.Status);

        Assert.Empty(harness.Accept(new Start()));
        Assert.Equal([new ContainerEffect.StartWorkload()], harness.Last.Effects);

        var started = Assert.IsType<ContainerEvent.Started>(Assert.Single(harness.Accept(new RuntimeStarted("w1", 4242, 77))));
        Assert.False(started.ByPolicy);
        Assert.Equal((ContainerStatus.Running, "w1", 4242, 77L), (harness.State.Status, harness.State.WorkloadId, harness.State.Pid, harness.State.StartTicks));
        Assert.Equal(harness.Now, harness.State.StartedAt);
        Assert.True(harness.State.HasBeenStartedBefore);
    }

    [Fact]
    public void An_exit_seen_before_the_start_was_recorded_dies_at_the_start_after_no_time()
    {
        var harness = Running(Spec());

        var died = Assert.IsType<ContainerEvent.Died>(harness.Accept(new RuntimeExited(1, false, harness.Now - TimeSpan.FromMilliseconds(10)))[0]);

        Assert.Equal(harness.State.StartedAt, died.At);
        Assert.Equal(TimeSpan.Zero, died.ExecDuration);
    }

    [Fact]
    public void Create_rejects_an_invalid_spec_naming_the_field() =>
        Assert.Contains("name '-x'", new ContainerHarness().Reject(new Create(Spec() with { Name = "-x" })));

    [Fact]
    public void An_exit_with_policy_no_leaves_the_container_exited()
    {
        var harness = Running(Spec());
        var died = Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(3, 5 * Second)));
        Assert.Equal((3, 5 * Second, false, false), (died.ExitCode, died.ExecDuration, died.OomKilled, died.RestartPending));
        Assert.Equal((ContainerStatus.Exited, 3), (harness.State.Status, harness.State.ExitCode));
        Assert.DoesNotContain(harness.Last.Effects, e => e is ContainerEffect.ReportExit);
        Assert.Null(harness.Supervise());
    }

    // 1.1 Exit: die, then RestartCount++ and restarting; delays 100 ms, 200 ms, 400 ms.
    [Fact]
    public void Always_restarts_with_dockers_backoff_and_counts_restarts()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.True(Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(0, Second))).RestartPending);
            Assert.Contains(new ContainerEffect.ReportExit(), harness.Last.Effects);
            harness.Supervise();
            var restart = Assert.IsType<ContainerEvent.Restarting>(harness.History[^1]);
            Assert.Equal((attempt, true), (restart.Attempt, restart.ByPolicy));
            Assert.Equal((ContainerStatus.Restarting, attempt), (harness.State.Status, harness.State.RestartCount));
            delays.Add(restart.Delay);
            harness.RestartNow();
            Assert.True(Assert.IsType<ContainerEvent.Started>(harness.History[^1]).ByPolicy);
            Assert.Equal(attempt, harness.State.RestartCount);
        }
        Assert.Equal([100, 200, 400], delays.Select(d => d.TotalMilliseconds));
    }

    // SEMANTICS "restart count" row: not reset by the 10 s rule; reset by an explicit start.
    [Fact]
    public void A_long_run_resets_the_delay_but_only_an_explicit_start_resets_the_count()
    {
        var harness = Running(Spec(RestartPolicy.OnFailure()));
        harness.Exit(1, Second); harness.Supervise(); harness.RestartNow();
        harness.Exit(1, Second); harness.Supervise(); harness.RestartNow();
        harness.Exit(1, 10 * Second); harness.Supervise();
        var third = Assert.IsType<ContainerEvent.Restarting>(harness.History[^1]);
        Assert.Equal((3, TimeSpan.FromMilliseconds(100)), (third.Attempt, third.Delay));

        harness.Accept(new Stop());
        harness.Accept(new Start());
        harness.Accept(new RuntimeStarted(harness.NextWorkload(), 7));
        Assert.Equal((0, (TimeSpan?)null, false), (harness.State.RestartCount, harness.State.LastBackoff, harness.State.ManuallyStopped));
    }

    // 1.1 on-failure: restart if exitCode != 0 and restartCount < MaximumRetryCount.
    [Fact]
    public void On_failure_N_restarts_N_times_then_leaves_it_exited()
    {
        var harness = Running(Spec(RestartPolicy.OnFailure(2)));
        harness.Exit(1, Second); harness.Supervise(); harness.RestartNow();
        harness.Exit(1, Second); harness.Supervise(); harness.RestartNow();
        var died = Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(1, Second)));
        Assert.False(died.RestartPending);
        Assert.Equal((ContainerStatus.Exited, 2), (harness.State.Status, harness.State.RestartCount));
    }

    [Fact]
    public void On_failure_does_not_restart_a_clean_exit()
    {
        var harness = Running(Spec(RestartPolicy.OnFailure()));
        Assert.False(Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(0, Second))).RestartPending);
    }

    // 1.1 Manual stop: ExitOnNext cancels the restart, HasBeenManuallyStopped persisted; stop after exit.
    [Fact]
    public void A_manual_stop_signals_then_records_stop_and_never_restarts()
    {
        var harness = Running(Spec(RestartPolicy.Always) with { StopSignal = "SIGINT", StopTimeout = 3 * Second });
        var kill = Assert.IsType<ContainerEvent.Killed>(Assert.Single(harness.Accept(new Stop())));
        Assert.Equal(("SIGINT", StopPurpose.Stop, true), (kill.Signal, kill.Purpose, kill.CancelsRestart));
        Assert.Contains(new ContainerEffect.StopWorkload("SIGINT", 3 * Second), harness.Last.Effects);
        Assert.Empty(harness.Accept(new Stop())); // a second stop waits for the same exit

        Assert.Equal(["die", "stop"], Actions(harness.Exit(130, Second)));
        Assert.Null(harness.Supervise());
        Assert.True(harness.State.ManuallyStopped);
        Assert.Equal(ContainerStatus.Exited, harness.State.Status);
    }

    [Fact]
    public void A_stop_timeout_given_with_the_command_wins() =>
        Assert.Contains(new ContainerEffect.StopWorkload("SIGTERM", 2 * Second),
            Running(Spec()).Send(new Stop(2 * Second)).Effects);

    // SEMANTICS "manual stop / kill" row: cancels a pending restart at once.
    [Fact]
    public void A_stop_while_restarting_cancels_the_pending_restart()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        harness.Exit(1, Second);
        harness.Supervise();
        Assert.Equal(["stop"], Actions(harness.Accept(new Stop())));
        Assert.Contains(new ContainerEffect.CancelRestart(), harness.Last.Effects);
        Assert.Equal(ContainerStatus.Exited, harness.State.Status);
        Assert.Contains("no restart is pending", harness.Reject(new RestartDue()));
    }

    [Fact]
    public void A_stop_between_the_exit_and_the_supervisors_decision_wins()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        harness.Exit(1, Second);
        var decision = RestartManager.Decide(harness.State.RestartContext(), harness.Now, harness.Random);
        Assert.Equal(["stop"], Actions(harness.Accept(new Stop())));
        Assert.Contains("no restart decision is pending", harness.Reject(new ScheduleRestart(decision)));
        Assert.Empty(harness.Accept(new Stop())); // already stopped: no change
    }

    // 1.1 kill.go: SIGKILL or the stop signal cancels (ExitOnNext); any kill sets HasBeenManuallyStopped.
    [Theory]
    [InlineData("always", "SIGKILL", false)]
    [InlineData("always", "TERM", false)]
    [InlineData("always", "HUP", true)]
    [InlineData("unless-stopped", "HUP", false)]
    [InlineData("on-failure", "HUP", true)]
    [InlineData("on-failure", "9", false)]
    public void A_kill_cancels_the_restart_only_for_sigkill_or_the_stop_signal(string policy, string signal, bool restarts)
    {
        Assert.True(RestartPolicy.TryParse(policy, out var parsed, out _));
        var harness = Running(Spec(parsed));
        var kill = Assert.IsType<ContainerEvent.Killed>(Assert.Single(harness.Accept(new Kill(signal))));
        Assert.Equal(StopPurpose.Kill, kill.Purpose);
        Assert.True(harness.State.ManuallyStopped);
        var died = Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(137, Second)));
        Assert.Equal(restarts, died.RestartPending);
    }

    [Fact]
    public void A_kill_with_an_unknown_signal_is_rejected_naming_it() =>
        Assert.Contains("'SIGWHAT'", Running(Spec()).Reject(new Kill("SIGWHAT")));

    [Fact]
    public void A_cancelling_kill_while_restarting_stops_it_without_signalling()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        harness.Exit(1, Second);
        harness.Supervise();
        Assert.Contains("nothing runs", harness.Reject(new Kill("HUP")));
        Assert.Equal(["stop"], Actions(harness.Accept(new Kill())));
        Assert.Equal([new ContainerEffect.CancelRestart()], harness.Last.Effects);
    }

    // 1.3 OOM: oom event, OOMKilled on the exit it caused, normal restart path; a new start clears it.
    [Fact]
    public void An_oom_kill_is_recorded_on_the_exit_and_takes_the_normal_restart_path()
    {
        var harness = Running(Spec(RestartPolicy.OnFailure()));
        Assert.Equal(["oom"], Actions(harness.Accept(new RuntimeOomKilled())));
        Assert.True(harness.State.OomKilled);
        var died = Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(137, Second)));
        Assert.True(died.OomKilled);
        Assert.True(died.RestartPending);
        harness.Supervise();
        harness.RestartNow();
        Assert.False(harness.State.OomKilled);
        Assert.True(Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(137, Second, oom: true))).OomKilled);
    }

    // 1.3 pause/unpause events; SEMANTICS health: probes only while running and not paused.
    [Fact]
    public void Pause_and_unpause_stop_and_resume_health_probes()
    {
        var harness = Running(Spec() with { HealthCheck = new HealthCheck { Test = CommandLine.Exec("true") } });
        Assert.Empty(harness.Accept(new Pause()));
        Assert.Equal([new ContainerEffect.PauseWorkload()], harness.Last.Effects);
        Assert.Equal(["pause"], Actions(harness.Accept(new RuntimePaused())));
        Assert.Equal([new ContainerEffect.CancelHealthProbe()], harness.Last.Effects);
        Assert.Contains("probes run only while running and not paused", harness.Reject(new HealthResult(0, "", Second)));
        Assert.Contains("the container is paused", harness.Reject(new RuntimePaused()));
        Assert.Contains("cannot pause", harness.Reject(new Pause()));
        Assert.Contains("unpause it instead", harness.Reject(new Start()));

        Assert.Empty(harness.Accept(new Unpause()));
        Assert.Equal(["unpause"], Actions(harness.Accept(new RuntimeResumed())));
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(TimeSpan.FromSeconds(30))], harness.Last.Effects);
        Assert.Equal(ContainerStatus.Running, harness.State.Status);
        Assert.Contains("not paused", harness.Reject(new Unpause()));
    }

    // 1.1 restart.go: stop then start; the start resets the restart manager.
    [Fact]
    public void An_operator_restart_stops_then_starts_and_resets_the_count()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        harness.Exit(1, Second); harness.Supervise(); harness.RestartNow();
        Assert.Equal(1, harness.State.RestartCount);

        var kill = Assert.IsType<ContainerEvent.Killed>(Assert.Single(harness.Accept(new Restart())));
        Assert.Equal(StopPurpose.Restart, kill.Purpose);
        Assert.Equal(["die", "stop", "restart"], Actions(harness.Exit(143, Second)));
        Assert.Contains(new ContainerEffect.StartWorkload(), harness.Last.Effects);
        Assert.Null(harness.Supervise());
        harness.Accept(new RuntimeStarted(harness.NextWorkload(), 9));
        Assert.Equal((ContainerStatus.Running, 0, false), (harness.State.Status, harness.State.RestartCount, harness.State.ManuallyStopped));
    }

    [Fact]
    public void Restarting_an_exited_container_starts_it()
    {
        var harness = Running(Spec());
        harness.Exit(0, Second);
        Assert.Equal(["restart"], Actions(harness.Accept(new Restart())));
        Assert.Equal([new ContainerEffect.StartWorkload()], harness.Last.Effects);
    }

    // Docker rm: a running container needs force; force kills first.
    [Fact]
    public void Remove_needs_force_for_a_running_container_and_kills_it_first()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        Assert.Contains("remove with force", harness.Reject(new Remove()));
        var kill = Assert.IsType<ContainerEvent.Killed>(Assert.Single(harness.Accept(new Remove(Force: true))));
        Assert.Equal(("SIGKILL", StopPurpose.Remove), (kill.Signal, kill.Purpose));
        Assert.Equal(ContainerStatus.Removing, harness.State.Status);
        Assert.Contains("being removed", harness.Reject(new Start()));
        Assert.Equal(["die", "destroy"], Actions(harness.Exit(137, Second)));
        Assert.Contains(new ContainerEffect.RemoveWorkload(), harness.Last.Effects);
        Assert.Equal(ContainerStatus.Removed, harness.State.Status);
        Assert.Contains("was removed", harness.Reject(new Start()));
        Assert.Contains("was removed", harness.Reject(new Create(Spec())));
    }

    [Fact]
    public void Removing_an_exited_container_destroys_it()
    {
        var harness = Running(Spec());
        harness.Exit(0, Second);
        Assert.Equal(["destroy"], Actions(harness.Accept(new Remove())));
        Assert.Equal(ContainerStatus.Removed, harness.State.Status);
    }

    [Fact]
    public void Removing_a_restarting_container_needs_force_and_cancels_the_restart()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        harness.Exit(1, Second);
        harness.Supervise();
        Assert.Contains("remove with force", harness.Reject(new Remove()));
        Assert.Equal(["destroy"], Actions(harness.Accept(new Remove(Force: true))));
        Assert.Contains(new ContainerEffect.CancelRestart(), harness.Last.Effects);
    }

    [Fact]
    public void Update_changes_the_policy_for_the_next_exit()
    {
        var harness = Running(Spec());
        Assert.Equal(["update"], Actions(harness.Accept(new Update(RestartPolicy.Always))));
        Assert.Equal(RestartPolicy.Always, harness.State.Spec!.Restart);
        Assert.True(Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(0, Second))).RestartPending);
        Assert.Contains("maximum retry count", harness.Reject(new Update(RestartPolicy.OnFailure(-2))));
    }

    // 1.1: a start failure emits die and is not restarted by the policy.
    [Fact]
    public void A_start_failure_dies_with_the_error_and_is_not_restarted()
    {
        var harness = new ContainerHarness();
        harness.Accept(new Create(Spec(RestartPolicy.Always)));
        harness.Accept(new Start());
        var died = Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Accept(new RuntimeStartFailed(127, "exec: \"sleep\": executable file not found"))));
        Assert.Equal((127, false), (died.ExitCode, died.RestartPending));
        Assert.Equal((ContainerStatus.Exited, "exec: \"sleep\": executable file not found"), (harness.State.Status, harness.State.Error));
    }

    // SEMANTICS "intensity" row: more than N restarts within T -> gave_up, no more restarts.
    [Fact]
    public void Too_many_restarts_within_the_window_give_up_until_an_explicit_start()
    {
        var harness = Running(Spec(RestartPolicy.Always) with { Intensity = new RestartIntensity(2, TimeSpan.FromMinutes(1)) });
        harness.Exit(1, Second); Assert.Equal(RestartVerdict.Restart, harness.Supervise()!.Value.Verdict); harness.RestartNow();
        harness.Exit(1, Second); Assert.Equal(RestartVerdict.Restart, harness.Supervise()!.Value.Verdict); harness.RestartNow();
        harness.Exit(1, Second);
        Assert.Equal(RestartVerdict.GiveUp, harness.Supervise()!.Value.Verdict);
        var gaveUp = Assert.IsType<ContainerEvent.GaveUp>(harness.History[^1]);
        Assert.Equal("more than 2 restarts within 1m0s", gaveUp.Reason);
        Assert.Equal(ContainerStatus.Exited, harness.State.Status);
        Assert.False(harness.State.ShouldStartOnNodeStart);
        Assert.Contains("gave up", harness.Reject(new GiveUp("again")));

        harness.Accept(new Start());
        harness.Accept(new RuntimeStarted(harness.NextWorkload(), 1));
        Assert.Null(harness.State.GaveUpReason);
        Assert.Empty(harness.State.RecentRestarts);
    }

    [Fact]
    public void Restarts_outside_the_window_do_not_count()
    {
        var harness = Running(Spec(RestartPolicy.Always) with { Intensity = new RestartIntensity(1, TimeSpan.FromSeconds(30)) });
        for (var i = 0; i < 4; i++)
        {
            harness.Exit(1, TimeSpan.FromMinutes(1));
            Assert.Equal(RestartVerdict.Restart, harness.Supervise()!.Value.Verdict);
            harness.RestartNow();
        }
        Assert.Single(harness.State.RecentRestarts);
    }

    [Fact]
    public void A_stale_or_wrong_restart_decision_is_rejected()
    {
        var harness = Running(Spec(RestartPolicy.Always));
        harness.Exit(1, Second);
        var decision = RestartManager.Decide(harness.State.RestartContext(), harness.Now, harness.Random);
        Assert.Contains("stale", harness.Reject(new ScheduleRestart(decision with { Attempt = 5 })));
        Assert.Contains("restart verdict", harness.Reject(new ScheduleRestart(RestartDecision.GiveUp("x"))));
        Assert.Contains("negative", harness.Reject(new ScheduleRestart(decision with { Delay = -Second })));
        Assert.Contains("needs a reason", harness.Reject(new GiveUp(" ")));
        harness.Accept(new ScheduleRestart(decision));
        Assert.Contains("no restart decision is pending", harness.Reject(new ScheduleRestart(decision)));
    }

    // SEMANTICS "node restart" row, at the state: exited containers the policy brings back.
    [Theory]
    [InlineData("always", false, true)]
    [InlineData("always", true, true)]
    [InlineData("unless-stopped", false, true)]
    [InlineData("unless-stopped", true, false)]
    [InlineData("on-failure", false, false)]
    [InlineData("no", false, false)]
    public void Node_start_brings_back_what_docker_brings_back(string policy, bool manuallyStopped, bool expected)
    {
        Assert.True(RestartPolicy.TryParse(policy, out var parsed, out _));
        var harness = Running(Spec(RestartPolicy.No));
        if (manuallyStopped)
            harness.Accept(new Stop());
        harness.Exit(0, Second);
        harness.Accept(new Update(parsed));
        Assert.Equal(expected, harness.State.ShouldStartOnNodeStart);
    }

    [Fact]
    public void A_container_never_started_does_not_come_back_on_node_start()
    {
        var harness = new ContainerHarness();
        harness.Accept(new Create(Spec(RestartPolicy.Always)));
        Assert.False(harness.State.ShouldStartOnNodeStart);
    }

    [Fact]
    public void The_exit_duration_is_measured_from_the_start()
    {
        var harness = Running(Spec());
        var died = Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(null, TimeSpan.FromMinutes(3))));
        Assert.Equal((null, TimeSpan.FromMinutes(3)), (died.ExitCode, died.ExecDuration));
    }
}
