using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Tests.Support;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>A new host over the same SQLite journal: remember-entities, adoption and Docker's restore rules.</summary>
public sealed class NodeRestartTests
{
    [Fact]
    public async Task Unless_stopped_stopped_by_hand_stays_stopped_after_a_host_restart()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var stopped = await harness.Host.CreateAsync(HostHarness.FakeSpec("stopped", RestartPolicy.UnlessStopped), start: true);
        var running = await harness.Host.CreateAsync(HostHarness.FakeSpec("running", RestartPolicy.UnlessStopped), start: true);
        await harness.Host.SendAsync("stopped", new ContainerCommand.Stop());

        await harness.RestartAsync();

        var afterStopped = await harness.Host.InspectAsync("stopped");
        Assert.Equal(ContainerStatus.Exited, afterStopped.State.Status);
        Assert.True(afterStopped.State.ManuallyStopped);
        var afterRunning = await harness.Host.InspectAsync("running");
        Assert.Equal(ContainerStatus.Running, afterRunning.State.Status);
        Assert.Equal(running.State.WorkloadId, afterRunning.State.WorkloadId); // adopted, not restarted
        Assert.Equal(stopped.Id, afterStopped.Id);
    }

    [Fact]
    public async Task Always_comes_back_even_after_a_manual_stop_but_on_failure_and_no_do_not()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        await harness.Host.CreateAsync(HostHarness.FakeSpec("always", RestartPolicy.Always), start: true);
        var onFailure = await harness.Host.CreateAsync(HostHarness.FakeSpec("on-failure", RestartPolicy.OnFailure(3)), start: true);
        await harness.Host.CreateAsync(HostHarness.FakeSpec("no"), start: true);
        await harness.Host.CreateAsync(HostHarness.FakeSpec("never-started", RestartPolicy.Always), start: false);
        await harness.Host.SendAsync("always", new ContainerCommand.Stop());
        await harness.Host.SendAsync("on-failure", new ContainerCommand.Stop());
        await harness.Host.SendAsync("no", new ContainerCommand.Stop());

        await harness.RestartAsync();

        Assert.Equal(ContainerStatus.Running, (await harness.AwaitStatusAsync("always", ContainerStatus.Running)).State.Status);
        Assert.Equal(ContainerStatus.Exited, (await harness.Host.InspectAsync(onFailure.Id)).State.Status);
        Assert.Equal(ContainerStatus.Exited, (await harness.Host.InspectAsync("no")).State.Status);
        Assert.Equal(ContainerStatus.Created, (await harness.Host.InspectAsync("never-started")).State.Status);
    }

    [Fact]
    public async Task A_workload_that_ended_while_the_node_was_down_goes_through_the_restart_policy()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web", RestartPolicy.Always), start: true);

        await harness.RestartAsync(betweenHosts: () => harness.Fake.ExitNow(web.Id, 137));

        var restarting = await harness.AwaitStatusAsync("web", ContainerStatus.Restarting);
        Assert.Equal(137, restarting.State.ExitCode);
        harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        var back = await harness.AwaitStatusAsync("web", ContainerStatus.Running);
        Assert.NotEqual(web.State.WorkloadId, back.State.WorkloadId);
    }

    [Fact]
    public async Task A_restart_pending_at_shutdown_is_rescheduled_for_its_due_time()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web", RestartPolicy.Always), start: true);
        harness.Fake.ExitNow(web.Id, 1);
        var restarting = await harness.AwaitStatusAsync("web", ContainerStatus.Restarting);

        await harness.RestartAsync();

        Assert.Equal(restarting.State.RestartDueAt, (await harness.Host.InspectAsync("web")).State.RestartDueAt);
        harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        await harness.AwaitStatusAsync("web", ContainerStatus.Running);
    }

    [Fact]
    public async Task Many_containers_all_come_back_with_their_workloads_adopted()
    {
        const int count = 300;
        var options = new ContainerHostOptions { NodeId = "test-node", ShardCount = 16, SnapshotInterval = 2 };
        await using var harness = await HostHarness.StartFakeAsync(options);
        var created = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => harness.Host.CreateAsync(HostHarness.FakeSpec($"svc-{i}", RestartPolicy.UnlessStopped), start: true)));
        await harness.Host.SendAsync("svc-7", new ContainerCommand.Stop());
        await harness.Host.SendAsync("svc-8", new ContainerCommand.Remove(Force: true));

        await harness.RestartAsync();

        var listed = await harness.Host.ListAsync();
        Assert.Equal(count - 1, listed.Count);
        Assert.Equal(count - 2, listed.Count(c => c.State.Status == ContainerStatus.Running));
        var workloads = created.ToDictionary(c => c.Id, c => c.State.WorkloadId);
        Assert.All(listed.Where(c => c.Name != "svc-7"), c => Assert.Equal(workloads[c.Id], c.State.WorkloadId));
        Assert.Equal(ContainerStatus.Exited, (await harness.Host.InspectAsync("svc-7")).State.Status);
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => harness.Host.InspectAsync("svc-8"));
        Assert.Equal(count - 2, harness.Fake.RunningCount);
        Assert.Equal(count - 2, harness.Host.Metrics.ContainersByStatus()[ContainerStatus.Running]);
    }

    [Fact]
    public async Task Stop_on_shutdown_stops_the_workloads_and_the_next_start_restarts_them_by_policy()
    {
        var options = new ContainerHostOptions { NodeId = "test-node", ShardCount = 4, StopWorkloadsOnShutdown = true };
        await using var harness = await HostHarness.StartFakeAsync(options);
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web", RestartPolicy.Always), start: true);
        await harness.Host.CreateAsync(HostHarness.FakeSpec("batch"), start: true);

        await harness.RestartAsync(betweenHosts: () => Assert.Equal(0, harness.Fake.RunningCount));

        harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        var back = await harness.AwaitStatusAsync("web", ContainerStatus.Running);
        Assert.NotEqual(web.State.WorkloadId, back.State.WorkloadId);
        Assert.Equal(ContainerStatus.Exited, (await harness.Host.InspectAsync("batch")).State.Status);
    }

    [Fact]
    public async Task An_orderly_restart_logs_no_warning_and_counts_no_failure()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => harness.Host.CreateAsync(HostHarness.FakeSpec($"svc-{i}", RestartPolicy.Always), start: true)));

        await harness.RestartAsync();

        Assert.Equal(20, harness.Host.ContainerCount);
        var warnings = harness.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(warnings.Count == 0, "warnings logged:\n" + string.Join("\n", warnings));
        Assert.Equal(0, harness.Host.Metrics.ActorFailures);
    }

    [Fact]
    public async Task A_stopped_host_refuses_commands()
    {
        var harness = await HostHarness.StartFakeAsync();
        await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: false);
        var host = harness.Host;
        await harness.DisposeAsync();

        var refused = await Assert.ThrowsAsync<ContainerUnavailableException>(() => host.SendAsync("web", new ContainerCommand.Start()));
        Assert.Contains("shutting down", refused.Message);
        Assert.False(host.IsReady);
    }

    [Fact]
    public async Task Fake_behaviour_scripted_before_a_restart_still_applies()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web", RestartPolicy.Always), start: false);
        harness.Fake.Script(web.Id, FakeBehavior.Exits(3, TimeSpan.FromSeconds(1)));
        await harness.Host.SendAsync("web", new ContainerCommand.Start());

        harness.Time.Advance(TimeSpan.FromSeconds(1));

        var restarting = await harness.AwaitStatusAsync("web", ContainerStatus.Restarting);
        Assert.Equal(3, restarting.State.ExitCode);
    }
}
