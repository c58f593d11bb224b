using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Supervision.Tests.Support;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>The supervisor's restart decisions and their timing, with the fake runtime on virtual time.</summary>
public sealed class RestartSupervisionTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    /// <summary>Crashes the workload, waits for restart number <paramref name="restart"/> to be scheduled, lets its backoff pass and waits for it to run.</summary>
    private static async Task CrashAndRestartAsync(HostHarness harness, string id, int exitCode, int restart)
    {
        harness.Fake.ExitNow(id, exitCode);
        await harness.AwaitAsync(id, s => s.Status == ContainerStatus.Restarting && s.RestartCount == restart, $"restart {restart} pending");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.AwaitStatusAsync(id, ContainerStatus.Running);
    }

    [Fact]
    public async Task A_crash_looping_container_is_restarted_with_Dockers_backoff()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("crashy", RestartPolicy.Always), start: true);
        Assert.Equal(ContainerStatus.Running, web.State.Status);

        foreach (var (attempt, expected) in new[] { (1, 100), (2, 200), (3, 400), (4, 800), (5, 1600) })
        {
            harness.Fake.ExitNow(web.Id, 1);
            var restarting = await harness.AwaitStatusAsync(web.Id, ContainerStatus.Restarting);
            Assert.Equal(TimeSpan.FromMilliseconds(expected), restarting.State.RestartDueAt - restarting.State.FinishedAt);
            Assert.Equal(attempt, restarting.State.RestartCount);

            harness.Time.Advance(TimeSpan.FromMilliseconds(expected) - Tick);
            Assert.Equal(ContainerStatus.Restarting, (await harness.Host.InspectAsync(web.Id)).State.Status);
            harness.Time.Advance(Tick);
            await harness.AwaitStatusAsync(web.Id, ContainerStatus.Running);
        }

        var history = await harness.Host.HistoryAsync("crashy");
        var delays = history.Select(h => h.Event).OfType<ContainerEvent.Restarting>().Select(r => r.Delay.TotalMilliseconds);
        Assert.Equal([100.0, 200, 400, 800, 1600], delays);
        Assert.Equal(5, harness.Host.Metrics.Restarts);
    }

    [Fact]
    public async Task A_restart_without_backoff_starts_the_workload_while_the_exit_is_still_being_written()
    {
        var options = HostHarness.DefaultOptions with { Akka = FlakySqlJournal.Config };
        await using var harness = await HostHarness.StartFakeAsync(options);
        var spec = HostHarness.FakeSpec("quick", RestartPolicy.Always) with { Backoff = new Backoff { Initial = TimeSpan.Zero } };
        var quick = await harness.Host.CreateAsync(spec, start: true);
        var persistenceId = ContainerPersistenceIds.Of(quick.Id);

        var gate = FlakySqlJournal.HoldWritesOf(persistenceId);
        try
        {
            harness.Fake.ExitNow(quick.Id, 1);
            // The next workload runs while the exit and the restart decision wait for the disk.
            // Well within the journal's call timeout (10 s), which would fail a write held longer and stop the entity.
            await Eventually.TrueAsync(() => harness.Fake.RunningCount == 1, "the restart's workload started before the exit was durable", TimeSpan.FromSeconds(5));
            Assert.False(gate.Task.IsCompleted);
        }
        finally
        {
            FlakySqlJournal.Held.TryRemove(persistenceId, out _);
            gate.TrySetResult();
        }
        var running = await Eventually.ValueAsync(() => harness.Host.InspectAsync(quick.Id), c => c.State is { Status: ContainerStatus.Running, RestartCount: 1 },
            "running again after one restart, on record");
        var history = (await harness.Host.HistoryAsync(quick.Id)).Select(h => h.Event).ToList();
        Assert.Equal(["Started", "Died", "Restarting", "Started"], history.SkipWhile(e => e is not ContainerEvent.Started).Select(e => e.GetType().Name));
        Assert.Equal(1, harness.Fake.RunningCount);
        Assert.Equal(0, harness.Host.Metrics.JournalFailures);
        Assert.Equal(running.State.WorkloadId, history.OfType<ContainerEvent.Started>().Last().WorkloadId);
    }

    [Fact]
    public async Task A_restart_started_at_once_whose_decision_is_not_written_is_killed_when_the_entity_recovers()
    {
        var options = HostHarness.DefaultOptions with { Akka = FlakySqlJournal.Config };
        await using var harness = await HostHarness.StartFakeAsync(options);
        var spec = HostHarness.FakeSpec("unlucky", RestartPolicy.Always) with { Backoff = new Backoff { Initial = TimeSpan.Zero } };
        var unlucky = await harness.Host.CreateAsync(spec, start: true);
        var persistenceId = ContainerPersistenceIds.Of(unlucky.Id);

        FlakySqlJournal.FailWritesOf(persistenceId);
        try
        {
            harness.Fake.ExitNow(unlucky.Id, 1);
            // Started at once; then the write of the exit fails and the entity stops, the new workload unrecorded.
            // At least once: the re-created entity's own writes fail too until the journal heals (a starved test thread may see 2).
            await Eventually.TrueAsync(() => harness.Host.Metrics.JournalFailures >= 1, "the exit's write failed", TimeSpan.FromSeconds(30));
        }
        finally
        {
            FlakySqlJournal.Heal(persistenceId);
        }
        // Re-created by the shard: the recorded workload is dead, the unrecorded one is killed, and the restart runs one workload.
        var running = await Eventually.ValueAsync(() => harness.Host.InspectAsync(unlucky.Id), c => c.State is { Status: ContainerStatus.Running, RestartCount: 1 },
            "running again after one restart, on record", TimeSpan.FromSeconds(30));
        Assert.Equal(1, harness.Fake.RunningCount);
        var history = (await harness.Host.HistoryAsync(unlucky.Id)).Select(h => h.Event).ToList();
        Assert.Equal(running.State.WorkloadId, history.OfType<ContainerEvent.Started>().Last().WorkloadId);
        Assert.DoesNotContain(history.OfType<ContainerEvent.Died>(), d => d.Error is not null);
    }

    [Fact]
    public async Task A_restart_of_a_stopped_container_starts_one_workload_once()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var stopped = await harness.Host.CreateAsync(HostHarness.FakeSpec("again", RestartPolicy.No), start: true);
        await harness.Host.SendAsync(stopped.Id, new ContainerCommand.Stop());

        // Its own start effect and the start at once of a restart due now are one start, not two.
        var restarted = await harness.Host.SendAsync(stopped.Id, new ContainerCommand.Restart());
        Assert.Equal(ContainerStatus.Running, restarted.State.Status);
        var history = (await harness.Host.HistoryAsync(stopped.Id)).Select(h => h.Event).ToList();
        Assert.Equal(2, history.OfType<ContainerEvent.Started>().Count());
        Assert.DoesNotContain(history.OfType<ContainerEvent.Died>(), d => d.Error is not null);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.Contains("start failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_failure_3_stops_after_three_restarts()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var job = await harness.Host.CreateAsync(HostHarness.FakeSpec("job", RestartPolicy.OnFailure(3)), start: true);

        for (var restart = 1; restart <= 3; restart++) await CrashAndRestartAsync(harness, job.Id, 2, restart);
        harness.Fake.ExitNow(job.Id, 2);
        var exited = await harness.AwaitStatusAsync(job.Id, ContainerStatus.Exited);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        var after = await harness.Host.InspectAsync(job.Id);
        Assert.Equal(ContainerStatus.Exited, after.State.Status);
        Assert.Equal(3, after.State.RestartCount);
        Assert.Equal(2, exited.State.ExitCode);
        Assert.Equal(0, harness.Fake.RunningCount);
    }

    [Fact]
    public async Task On_failure_does_not_restart_a_clean_exit()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var job = await harness.Host.CreateAsync(HostHarness.FakeSpec("clean", RestartPolicy.OnFailure()), start: true);

        harness.Fake.ExitNow(job.Id, 0);
        await harness.AwaitStatusAsync(job.Id, ContainerStatus.Exited);
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(ContainerStatus.Exited, (await harness.Host.InspectAsync(job.Id)).State.Status);
        Assert.Equal(0, harness.Host.Metrics.Restarts);
    }

    [Fact]
    public async Task A_manual_stop_cancels_a_pending_restart_at_once()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web", RestartPolicy.Always), start: true);
        harness.Fake.ExitNow(web.Id, 1);
        await harness.AwaitStatusAsync(web.Id, ContainerStatus.Restarting);

        var stopped = await harness.Host.SendAsync("web", new ContainerCommand.Stop());
        Assert.Equal(ContainerStatus.Exited, stopped.State.Status);
        Assert.True(stopped.State.ManuallyStopped);

        harness.Time.Advance(TimeSpan.FromMinutes(2));
        // A restart timer still armed would have told its tick to the entity during Advance, ahead of this command; the
        // entity answers the command only after it (a restart would even hold the answer until the workload started).
        await Assert.ThrowsAsync<CommandRejectedException>(() => harness.Host.SendAsync("web", new ContainerCommand.Unpause()));
        Assert.Equal(ContainerStatus.Exited, (await harness.Host.InspectAsync(web.Id)).State.Status);
        Assert.Equal(0, harness.Fake.RunningCount);
        Assert.DoesNotContain((await harness.Host.HistoryAsync("web")).Skip(3), h => h.Event is ContainerEvent.Started);
    }

    [Fact]
    public async Task Intensity_gives_up_after_too_many_restarts_in_the_window()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var spec = HostHarness.FakeSpec("flappy", RestartPolicy.Always) with { Intensity = new RestartIntensity(2, TimeSpan.FromMinutes(1)) };
        var flappy = await harness.Host.CreateAsync(spec, start: true);

        for (var restart = 1; restart <= 2; restart++) await CrashAndRestartAsync(harness, flappy.Id, 1, restart);
        harness.Fake.ExitNow(flappy.Id, 1);

        var gaveUp = await harness.AwaitAsync(flappy.Id, s => s.GaveUpReason is not null, "the supervisor to give up");
        Assert.Equal(ContainerStatus.Exited, gaveUp.State.Status);
        Assert.Equal(1, harness.Host.Metrics.GaveUp);
    }

    [Fact]
    public async Task A_start_failure_is_recorded_as_an_exit_with_the_runtimes_message()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var spec = HostHarness.FakeSpec("broken");
        var created = await harness.Host.CreateAsync(spec, start: false);
        harness.Fake.Script(created.Id, new Containers.Runtimes.Fake.FakeBehavior { StartFailure = "no such image: nope" });

        var started = await harness.Host.SendAsync("broken", new ContainerCommand.Start());

        Assert.Equal(ContainerStatus.Exited, started.State.Status);
        Assert.Equal(128, started.State.ExitCode);
        Assert.Contains("no such image: nope", started.State.Error);
        Assert.Equal(1, harness.Host.Metrics.StartFailures);
    }
}
