using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Values.Specs;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;
using static ActorSupervisor.Containers.Tests.Lifecycle.ContainerHarness;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

// Oracle: SEMANTICS.md's events row (Docker's update event) and the brief of issue 15: docker update --memory applies
// live, --restart to the next decision; health settings (not updatable in Docker) from the next probe schedule.
public class ContainerUpdateTests
{
    private const long Mebibyte = 1L << 20;
    private static readonly HealthCheck Probe = new() { Test = CommandLine.Shell("true") };

    private static ContainerSpec WithHealth() => Spec() with { HealthCheck = Probe, MemoryLimitBytes = 32 * Mebibyte };

    [Fact]
    public void A_memory_update_of_a_running_container_is_applied_to_the_workload_now()
    {
        var harness = Running(Spec());
        var events = harness.Accept(new Update(null, 64 * Mebibyte));
        var updated = Assert.IsType<ContainerEvent.Updated>(Assert.Single(events));
        Assert.Equal(64 * Mebibyte, updated.MemoryLimitBytes);
        Assert.Null(updated.Restart);
        Assert.Equal([new ContainerEffect.UpdateWorkloadMemory(64 * Mebibyte)], harness.Last.Effects);
        Assert.Equal(64 * Mebibyte, harness.State.Spec!.MemoryLimitBytes);
        Assert.Equal(ContainerStatus.Running, harness.State.Status);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(harness.State), System.Text.Json.JsonSerializer.Serialize(ContainerState.Replay(harness.History)));
    }

    [Fact]
    public void A_memory_update_of_a_stopped_container_waits_for_its_next_start()
    {
        var harness = Running(Spec());
        harness.Exit(0, TimeSpan.FromSeconds(1));
        harness.Accept(new Update(null, 64 * Mebibyte));
        Assert.Empty(harness.Last.Effects);
        Assert.Equal(64 * Mebibyte, harness.State.Spec!.MemoryLimitBytes);
    }

    [Fact]
    public void A_new_health_interval_replaces_the_pending_probe_without_a_restart()
    {
        var harness = Running(WithHealth());
        harness.Accept(new HealthResult(0, "ok", TimeSpan.FromMilliseconds(5)));
        Assert.Equal(HealthStatus.Healthy, harness.State.Health!.Status);

        var events = harness.Accept(new Update(null, HealthCheck: new HealthCheckUpdate { Interval = TimeSpan.FromSeconds(2), Retries = 5 }));
        var check = Assert.IsType<ContainerEvent.Updated>(Assert.Single(events)).HealthCheck!;
        Assert.Equal(Probe with { Interval = TimeSpan.FromSeconds(2), Retries = 5 }, check);
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(TimeSpan.FromSeconds(2))], harness.Last.Effects);
        Assert.Equal(HealthStatus.Healthy, harness.State.Health!.Status);
        Assert.Equal(ContainerStatus.Running, harness.State.Status);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(harness.State), System.Text.Json.JsonSerializer.Serialize(ContainerState.Replay(harness.History)));
    }

    [Fact]
    public void A_check_added_to_a_running_container_starts_probing_as_starting()
    {
        var harness = Running(Spec());
        Assert.Null(harness.State.Health);
        harness.Accept(new Update(null, HealthCheck: new HealthCheckUpdate { Probe = new HealthCheck { Test = CommandLine.Shell("true") }, Interval = TimeSpan.FromSeconds(1) }));
        Assert.Equal(HealthStatus.Starting, harness.State.Health!.Status);
        Assert.Equal([new ContainerEffect.ScheduleHealthProbe(TimeSpan.FromSeconds(1))], harness.Last.Effects);
    }

    [Fact]
    public void Turning_the_check_off_cancels_the_probe_and_clears_the_health()
    {
        var harness = Running(WithHealth());
        harness.Accept(new Update(null, HealthCheck: new HealthCheckUpdate { Disable = true }));
        Assert.Equal([new ContainerEffect.CancelHealthProbe(ProbeKind.Health)], harness.Last.Effects);
        Assert.Null(harness.State.Health);
        Assert.False(harness.State.Spec!.HealthCheck!.Enabled);
    }

    [Fact]
    public void A_restart_policy_update_touches_neither_workload_nor_probe()
    {
        var harness = Running(WithHealth());
        harness.Accept(new Update(RestartPolicy.OnFailure(3)));
        Assert.Empty(harness.Last.Effects);
        Assert.Equal(RestartPolicy.OnFailure(3), harness.State.Spec!.Restart);
        Assert.Equal(32 * Mebibyte, harness.State.Spec.MemoryLimitBytes);
    }

    [Fact]
    public void A_bad_value_changes_nothing_and_names_its_field()
    {
        var harness = Running(WithHealth());
        // Reject asserts no event, no effect and an unchanged state.
        Assert.Contains("memory", harness.Reject(new Update(RestartPolicy.Always, Mebibyte)));
        Assert.Contains("healthcheck.interval", harness.Reject(new Update(null, HealthCheck: new HealthCheckUpdate { Interval = TimeSpan.FromTicks(5) })));
        Assert.Contains("healthcheck.retries", harness.Reject(new Update(null, HealthCheck: new HealthCheckUpdate { Retries = 0 })));
        Assert.Contains("changes nothing", harness.Reject(new Update(null, HealthCheck: new HealthCheckUpdate())));
    }

    [Fact]
    public void Health_timings_need_a_check_to_apply_to()
    {
        var harness = Running(Spec());
        Assert.Contains("healthcheck.test", harness.Reject(new Update(null, HealthCheck: new HealthCheckUpdate { Interval = TimeSpan.FromSeconds(1) })));
    }

    [Fact]
    public void The_parser_reads_create_notations_and_names_bad_fields()
    {
        var (update, errors) = ContainerSpecParser.ParseUpdate("on-failure:3", "64m", new RawHealthCheck { Interval = "5s", StartInterval = "0" });
        Assert.Empty(errors);
        Assert.Equal(RestartPolicy.OnFailure(3), update!.Policy);
        Assert.Equal(64 * Mebibyte, update.MemoryLimitBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), update.HealthCheck!.Interval);
        Assert.Equal(HealthCheck.DefaultStartInterval, update.HealthCheck.StartInterval);
        Assert.Null(update.HealthCheck.Timeout);

        var (none, bad) = ContainerSpecParser.ParseUpdate("sometimes", "64x", new RawHealthCheck { Timeout = "soon" });
        Assert.Null(none);
        Assert.Equal(["restart", "memory", "healthcheck.timeout"], bad.Select(e => e.Field));
        Assert.Equal("memory", Assert.Single(ContainerSpecParser.ParseUpdate(null, "0", null).Errors).Field);
        Assert.Equal("update", Assert.Single(ContainerSpecParser.ParseUpdate(null, null, null).Errors).Field);
    }

    [Fact]
    public void The_update_rules_give_create_s_messages()
    {
        var create = ContainerSpecParser.Parse(new RawContainerSpec { Name = "web-1", Command = ["sleep", "1"], Memory = "1m" });
        var update = SpecUpdateRules.Validate(Spec(), new Update(null, Mebibyte));
        Assert.Equal(Assert.Single(create.Errors).Message, Assert.Single(update).Message);
    }
}
