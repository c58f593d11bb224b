using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;
using static ActorSupervisor.Containers.Tests.Lifecycle.ContainerHarness;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

// Oracle: SEMANTICS.md 1.2 (moby daemon/health.go), the health rows of "Our decisions", and 3.3 (Nomad
// check_restart) for the restart-on-unhealthy option.
public class ContainerHealthTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly HealthCheck Probe = new() { Test = CommandLine.Shell("curl -f localhost") };

    private static ContainerSpec WithHealth(RestartPolicy? restart = null, HealthCheck? check = null, UnhealthyRestart? onUnhealthy = null) =>
        Spec(restart) with { HealthCheck = check ?? Probe, RestartOnUnhealthy = onUnhealthy };

    private static string[] Actions(IEnumerable<ContainerEvent> events) => events.Select(e => e.Action).ToArray();

    /// <summary>A probe result one default interval after the previous one, as the monitor schedules them.</summary>
    private static IReadOnlyList<ContainerEvent> Probed(ContainerHarness harness, int exitCode, bool timedOut = false)
    {
        harness.Advance(TimeSpan.FromSeconds(30));
        return harness.Accept(new HealthResult(exitCode, exitCode == 0 ? "ok" : "refused", Second, timedOut));
    }

    [Fact]
    public void A_start_arms_the_health_monitor_as_starting()
    {
        var harness = Running(WithHealth());
        Assert.Equal(new HealthState(HealthStatus.Starting, 0, []), harness.State.Health! with { Log = [] });
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(TimeSpan.FromSeconds(30))], harness.Last.Effects);
    }

    [Fact]
    public void Within_the_start_period_probes_run_every_start_interval()
    {
        var harness = Running(WithHealth(check: Probe with { StartPeriod = TimeSpan.FromMinutes(1), StartInterval = 2 * Second }));
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(2 * Second)], harness.Last.Effects);
        Probed(harness, 1);
        Assert.Equal((HealthStatus.Starting, 0), (harness.State.Health!.Status, harness.State.Health.FailingStreak));
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(2 * Second)], harness.Last.Effects);
        Probed(harness, 0);
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(TimeSpan.FromSeconds(30))], harness.Last.Effects);
    }

    // health_status only on change; every probe is recorded.
    [Fact]
    public void Health_status_is_emitted_only_on_change()
    {
        var harness = Running(WithHealth());
        Assert.Equal(["health_probe"], Actions(Probed(harness, 1)));
        Assert.Equal(["health_probe", "health_status"], Actions(Probed(harness, 0)));
        Assert.Equal(HealthStatus.Healthy, Assert.IsType<ContainerEvent.HealthStatusChanged>(harness.History[^1]).Status);
        Assert.Equal(["health_probe"], Actions(Probed(harness, 0)));
        Assert.Equal(["health_probe"], Actions(Probed(harness, 1)));
        Assert.Equal(["health_probe"], Actions(Probed(harness, 1)));
        Assert.Equal(["health_probe", "health_status"], Actions(Probed(harness, 1, timedOut: true)));
        Assert.Equal(HealthStatus.Unhealthy, harness.State.Health!.Status);
        Assert.Equal((-1, "Health check exceeded timeout (30s): refused"), (harness.State.Health.Log[^1].ExitCode, harness.State.Health.Log[^1].Output));
        Assert.Equal(HealthMonitor.MaxLogEntries, harness.State.Health.Log.Count);
    }

    // 1.1: health checks stop on exit and re-initialise on start.
    [Fact]
    public void An_exit_stops_probes_and_a_start_re_arms_them()
    {
        var harness = Running(WithHealth(RestartPolicy.Always));
        Probed(harness, 0);
        harness.Exit(1, Second);
        Assert.Contains(new ContainerEffect.CancelHealthProbe(), harness.Last.Effects);
        harness.Supervise();
        Assert.Contains("probes run only while running", harness.Reject(new HealthResult(0, "ok", Second)));
        harness.RestartNow();
        Assert.Equal(new HealthState(HealthStatus.Starting, 0, []), harness.State.Health! with { Log = [] });
        Assert.Empty(harness.State.Health.Log);
    }

    [Fact]
    public void Results_are_rejected_without_a_health_check_or_while_stopping()
    {
        Assert.Contains("no health check", Running(Spec()).Reject(new HealthResult(0, "", Second)));
        var disabled = Running(Spec() with { HealthCheck = new HealthCheck() });
        Assert.Contains("no health check", disabled.Reject(new HealthResult(0, "", Second)));
        Assert.Null(disabled.State.Health);

        var stopping = Running(WithHealth());
        stopping.Accept(new Stop());
        Assert.Contains("stop in progress", stopping.Reject(new HealthResult(0, "", Second)));
        Assert.Contains("cannot be negative", Running(WithHealth()).Reject(new HealthResult(0, "", -Second)));
    }

    // SEMANTICS: unhealthy never restarts by default (Docker outside Swarm).
    [Fact]
    public void Unhealthy_does_not_restart_by_default()
    {
        var harness = Running(WithHealth(RestartPolicy.Always, Probe with { Retries = 1 }));
        for (var i = 0; i < 5; i++)
            Assert.DoesNotContain(Probed(harness, 1), e => e is ContainerEvent.Killed);
        Assert.Equal((ContainerStatus.Running, HealthStatus.Unhealthy), (harness.State.Status, harness.State.Health!.Status));
    }

    // Nomad check_restart: limit failures in a row restart through the restart policy.
    [Theory]
    [InlineData("on-failure", true)]
    [InlineData("always", true)]
    [InlineData("no", false)]
    public void Restart_on_unhealthy_stops_the_workload_and_the_policy_decides(string policy, bool restarts)
    {
        Assert.True(RestartPolicy.TryParse(policy, out var parsed, out _));
        var harness = Running(WithHealth(parsed, onUnhealthy: new UnhealthyRestart(2, TimeSpan.Zero)) with { StopSignal = "SIGQUIT" });
        Assert.Equal(["health_probe"], Actions(Probed(harness, 1)));
        var events = Probed(harness, 1);
        var kill = Assert.IsType<ContainerEvent.Killed>(events[^1]);
        Assert.Equal(("SIGQUIT", StopPurpose.Unhealthy, false), (kill.Signal, kill.Purpose, kill.CancelsRestart));
        Assert.Contains(new ContainerEffect.StopWorkload("SIGQUIT", TimeSpan.FromSeconds(10)), harness.Last.Effects);
        Assert.False(harness.State.ManuallyStopped);

        var died = Assert.IsType<ContainerEvent.Died>(Assert.Single(harness.Exit(131, Second)));
        Assert.Equal(restarts, died.RestartPending);
    }

    [Fact]
    public void Restart_on_unhealthy_ignores_failures_within_the_grace_and_resets_on_a_pass()
    {
        var harness = Running(WithHealth(RestartPolicy.Always, onUnhealthy: new UnhealthyRestart(2, TimeSpan.FromMinutes(1))));
        Probed(harness, 1);
        Probed(harness, 1);
        Assert.Equal(0, harness.State.UnhealthyFailures);
        Probed(harness, 1);
        Assert.Equal(1, harness.State.UnhealthyFailures);
        Probed(harness, 0);
        Assert.Equal(0, harness.State.UnhealthyFailures);
        Probed(harness, 1);
        Assert.IsType<ContainerEvent.Killed>(Probed(harness, 1)[^1]);
    }

    [Fact]
    public void An_operator_stop_takes_over_a_restart_on_unhealthy()
    {
        var harness = Running(WithHealth(RestartPolicy.Always, onUnhealthy: new UnhealthyRestart(1, TimeSpan.Zero)));
        Assert.IsType<ContainerEvent.Killed>(Probed(harness, 1)[^1]);
        Assert.Equal(StopPurpose.Stop, Assert.IsType<ContainerEvent.Killed>(Assert.Single(harness.Accept(new Stop()))).Purpose);
        Assert.Equal(["die", "stop"], Actions(harness.Exit(143, Second)));
        Assert.Null(harness.Supervise());
    }
}
