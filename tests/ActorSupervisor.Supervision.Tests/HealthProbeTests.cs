using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Supervision.Tests.Support;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>Health probes on the container actor's timers, on virtual time.</summary>
public sealed class HealthProbeTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static ContainerSpec Checked(string name) => HostHarness.FakeSpec(name) with
    {
        HealthCheck = new HealthCheck { Test = CommandLine.Shell("check"), Interval = Interval, Timeout = TimeSpan.FromSeconds(2), Retries = 2 },
    };

    private static async Task<int> ProbeCountAsync(HostHarness harness, string name) =>
        (await harness.Host.HistoryAsync(name)).Count(h => h.Event is ContainerEvent.HealthProbed);

    [Fact]
    public async Task Probes_run_only_while_running_and_not_paused()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        await harness.Host.CreateAsync(Checked("api"), start: true);

        harness.Time.Advance(Interval);
        await harness.AwaitAsync("api", s => s.Health?.Status == HealthStatus.Healthy, "healthy");
        Assert.Equal(1, await ProbeCountAsync(harness, "api"));

        var paused = await harness.Host.SendAsync("api", new ContainerCommand.Pause());
        Assert.Equal(ContainerStatus.Paused, paused.State.Status);
        harness.Time.Advance(Interval * 6);
        Assert.Equal(1, await ProbeCountAsync(harness, "api"));

        await harness.Host.SendAsync("api", new ContainerCommand.Unpause());
        harness.Time.Advance(Interval);
        await Eventually.ValueAsync(() => ProbeCountAsync(harness, "api"), n => n == 2, "a probe after unpause");

        await harness.Host.SendAsync("api", new ContainerCommand.Stop());
        harness.Time.Advance(Interval * 6);
        Assert.Equal(2, await ProbeCountAsync(harness, "api"));
    }

    [Fact]
    public async Task Failing_probes_make_the_container_unhealthy_after_the_retries_and_count_transitions()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var api = await harness.Host.CreateAsync(Checked("sick"), start: false);
        harness.Fake.Script(api.Id, new FakeBehavior { ProbeExitCode = 1, ProbeOutput = "connection refused" });
        await harness.Host.SendAsync("sick", new ContainerCommand.Start());

        harness.Time.Advance(Interval);
        await Eventually.ValueAsync(() => ProbeCountAsync(harness, "sick"), n => n == 1, "the first probe");
        Assert.Equal(HealthStatus.Starting, (await harness.Host.InspectAsync("sick")).State.Health?.Status);
        harness.Time.Advance(Interval);

        var sick = await harness.AwaitAsync("sick", s => s.Health?.Status == HealthStatus.Unhealthy, "unhealthy");
        Assert.Equal("connection refused", sick.State.Health!.Log[^1].Output);
        Assert.Equal(ContainerStatus.Running, sick.State.Status); // Docker never restarts on unhealthy by default
        Assert.Equal(1, harness.Host.Metrics.HealthTransitions);
    }

    [Fact]
    public async Task A_probe_that_hangs_is_a_timeout_failure()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var api = await harness.Host.CreateAsync(Checked("slow"), start: false);
        harness.Fake.Script(api.Id, new FakeBehavior { ProbeHangs = true });
        await harness.Host.SendAsync("slow", new ContainerCommand.Start());

        harness.Time.Advance(Interval);
        // The probe's timeout timer is armed once the entity has handled the tick and called the runtime: advance in
        // small steps until the timed-out probe is recorded, then check that it took its whole timeout.
        var (slow, advanced) = await harness.AdvanceUntilAsync("slow", TimeSpan.FromMilliseconds(100), s => s.Health?.Log.Count == 1, "the timed-out probe");

        var probe = slow.State.Health!.Log[0];
        Assert.Equal(HealthMonitor.TimedOutExitCode, probe.ExitCode);
        Assert.True(probe.End - probe.Start >= TimeSpan.FromSeconds(2), $"the probe ended {probe.End - probe.Start} after it began");
        Assert.True(advanced >= TimeSpan.FromSeconds(2), $"recorded after only {advanced} of virtual time");
    }
}
