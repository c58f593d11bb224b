using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;
using static ActorSupervisor.Containers.Tests.Lifecycle.ContainerHarness;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

// Kubernetes' readiness/liveness split: the readiness probe runs Docker's health state machine (the same HealthCheck
// and HealthMonitor), is reported as ready / not ready, and gates nothing; the health check keeps Docker's
// HEALTHCHECK semantics and alone feeds restart on unhealthy. Time is the harness's virtual clock.
public class ContainerReadinessTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly HealthCheck Ready = new() { HttpGet = new Uri("http://127.0.0.1:8080/ready"), Interval = 2 * Second, Retries = 2 };
    private static readonly HealthCheck Live = new() { Test = CommandLine.Shell("true"), Interval = 10 * Second, Retries = 1 };

    private static ContainerSpec WithReadiness(HealthCheck? health = null, UnhealthyRestart? onUnhealthy = null) =>
        Spec(RestartPolicy.Always) with { Readiness = Ready, HealthCheck = health, RestartOnUnhealthy = onUnhealthy };

    private static string[] Actions(IEnumerable<ContainerEvent> events) => events.Select(e => e.Action).ToArray();

    private static IReadOnlyList<ContainerEvent> Probe(ContainerHarness harness, ProbeKind probe, int exitCode)
    {
        harness.Advance(2 * Second);
        return harness.Accept(new HealthResult(exitCode, exitCode == 0 ? "HTTP 200" : "HTTP 503", TimeSpan.FromMilliseconds(5), Probe: probe));
    }

    private static ReadinessStatus Readiness(ContainerHarness harness) => ReadinessRule.Of(harness.State.Readiness!.Status);

    [Fact]
    public void A_start_arms_each_probe_on_its_own_schedule()
    {
        var harness = Running(WithReadiness(Live));
        Assert.Equal(ReadinessStatus.Starting, Readiness(harness));
        Assert.Equal(HealthStatus.Starting, harness.State.Health!.Status);
        Assert.Equal(
            [new ContainerEffect.ScheduleHealthProbe(10 * Second, ProbeKind.Health), new ContainerEffect.ScheduleHealthProbe(2 * Second, ProbeKind.Readiness)],
            harness.Last.Effects);
    }

    [Fact]
    public void Readiness_turns_ready_then_not_ready_after_retries_failures_and_restarts_nothing()
    {
        var harness = Running(WithReadiness(Live, new UnhealthyRestart(1, TimeSpan.Zero)));
        Assert.Equal(["readiness_probe", "readiness_status"], Actions(Probe(harness, ProbeKind.Readiness, 0)));
        Assert.Equal(ReadinessStatus.Ready, Assert.IsType<ContainerEvent.ReadinessStatusChanged>(harness.History[^1]).Status);
        Assert.Equal(["readiness_probe"], Actions(Probe(harness, ProbeKind.Readiness, 0)));

        Assert.Equal(["readiness_probe"], Actions(Probe(harness, ProbeKind.Readiness, 1)));
        Assert.Equal(ReadinessStatus.Ready, Readiness(harness));
        Assert.Equal(["readiness_probe", "readiness_status"], Actions(Probe(harness, ProbeKind.Readiness, 1)));
        Assert.Equal(ReadinessStatus.NotReady, Assert.IsType<ContainerEvent.ReadinessStatusChanged>(harness.History[^1]).Status);
        Assert.Equal((2, "HTTP 503"), (harness.State.Readiness!.FailingStreak, harness.State.Readiness.Log[^1].Output));

        // Gates nothing: the only effect is the next readiness probe, even with restart on unhealthy set; health is untouched.
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(2 * Second, ProbeKind.Readiness)], harness.Last.Effects);
        Assert.Equal(ContainerStatus.Running, harness.State.Status);
        Assert.Equal((HealthStatus.Starting, 0, 0), (harness.State.Health!.Status, harness.State.Health.FailingStreak, harness.State.UnhealthyFailures));

        Assert.Equal(["readiness_probe", "readiness_status"], Actions(Probe(harness, ProbeKind.Readiness, 0)));
        Assert.Equal(ReadinessStatus.Ready, Readiness(harness));
        Assert.Equal(Json(harness.State), Json(ContainerState.Replay(harness.History)));
    }

    [Fact]
    public void Liveness_still_restarts_while_the_container_is_ready()
    {
        var harness = Running(WithReadiness(Live, new UnhealthyRestart(1, TimeSpan.Zero)));
        Probe(harness, ProbeKind.Readiness, 0);
        var events = Probe(harness, ProbeKind.Health, 1);
        Assert.Equal(["health_probe", "health_status", "kill"], Actions(events));
        Assert.Equal(StopPurpose.Unhealthy, harness.State.PendingStop);
        Assert.Contains(new ContainerEffect.CancelHealthProbe(), harness.Last.Effects);
        Assert.Contains("probes run only while running", harness.Reject(new HealthResult(0, "ok", Second, Probe: ProbeKind.Readiness)));
    }

    [Fact]
    public void The_start_period_holds_failures_as_it_does_for_the_health_check()
    {
        var harness = Running(Spec() with { Readiness = Ready with { StartPeriod = TimeSpan.FromMinutes(1), StartInterval = Second } });
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(Second, ProbeKind.Readiness)], harness.Last.Effects);
        for (var i = 0; i < 5; i++)
            Assert.Equal(["readiness_probe"], Actions(Probe(harness, ProbeKind.Readiness, 1)));
        Assert.Equal(ReadinessStatus.Starting, Readiness(harness));
    }

    [Fact]
    public void A_pause_makes_it_not_ready_and_an_unpause_re_arms_both_probes()
    {
        var harness = Running(WithReadiness(Live));
        Probe(harness, ProbeKind.Readiness, 0);
        harness.Accept(new RuntimePaused());
        Assert.Equal(ReadinessStatus.NotReady, Readiness(harness));
        Assert.Contains("probes run only while running", harness.Reject(new HealthResult(0, "ok", Second, Probe: ProbeKind.Readiness)));
        harness.Accept(new RuntimeResumed());
        Assert.Equal(
            [new ContainerEffect.ScheduleHealthProbe(10 * Second, ProbeKind.Health), new ContainerEffect.ScheduleHealthProbe(2 * Second, ProbeKind.Readiness)],
            harness.Last.Effects);
        Assert.Equal(["readiness_probe", "readiness_status"], Actions(Probe(harness, ProbeKind.Readiness, 0)));
    }

    [Fact]
    public void Without_a_readiness_probe_a_readiness_result_is_refused()
    {
        var harness = Running(Spec() with { HealthCheck = Live });
        Assert.Null(harness.State.Readiness);
        Assert.Equal("the container has no readiness probe", harness.Reject(new HealthResult(0, "ok", Second, Probe: ProbeKind.Readiness)));
    }

    [Fact]
    public void An_update_adds_and_removes_the_readiness_probe_of_a_running_container_without_touching_health()
    {
        var harness = Running(Spec() with { HealthCheck = Live });
        harness.Accept(new Update(null, Readiness: new HealthCheckUpdate { Probe = Ready }));
        Assert.Equal(ReadinessStatus.Starting, Readiness(harness));
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(HealthCheck.DefaultInterval, ProbeKind.Readiness)], harness.Last.Effects);

        harness.Accept(new Update(null, Readiness: new HealthCheckUpdate { Disable = true }));
        Assert.Null(harness.State.Readiness);
        Assert.Null(harness.State.Spec!.Readiness!.HttpGet);
        Assert.Equal([new ContainerEffect.CancelHealthProbe(ProbeKind.Readiness)], harness.Last.Effects);
        Assert.Equal(HealthStatus.Starting, harness.State.Health!.Status);
    }
}
