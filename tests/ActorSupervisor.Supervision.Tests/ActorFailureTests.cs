using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Supervision.Tests.Support;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>A container entity's own failure is contained: the shard re-creates it; the host and other containers go on.</summary>
public sealed class ActorFailureTests
{
    [Fact]
    public async Task A_failing_journal_write_stops_the_container_actor_but_not_the_host()
    {
        var options = HostHarness.DefaultOptions with { Akka = FlakySqlJournal.Config };
        await using var harness = await HostHarness.StartFakeAsync(options);
        var broken = await harness.Host.CreateAsync(HostHarness.FakeSpec("broken", RestartPolicy.Always), start: true);
        await harness.Host.CreateAsync(HostHarness.FakeSpec("healthy", RestartPolicy.Always), start: true);
        var persistenceId = ContainerPersistenceIds.Of(broken.Id);

        FlakySqlJournal.FailWritesOf(persistenceId);
        int failedWrites;
        try
        {
            var failure = await Assert.ThrowsAsync<ContainerUnavailableException>(() => harness.Host.SendAsync("broken", new ContainerCommand.Stop()));
            Assert.Contains("journal", failure.Message);
            Assert.Equal(broken.Id, failure.ContainerId);
            Assert.Contains("the journal is failing", harness.Host.Metrics.JournalProblem);

            var other = await harness.Host.SendAsync("healthy", new ContainerCommand.Stop());
            Assert.Equal(ContainerStatus.Exited, other.State.Status);
            Assert.True(harness.Host.IsReady);
            Assert.Equal(1, harness.Host.Metrics.ActorFailures);
            // The other container's write succeeded after the failure: the journal as a whole works again.
            Assert.Null(harness.Host.Metrics.JournalProblem);
            Assert.Equal(1, harness.Host.Metrics.JournalFailures);
        }
        finally
        {
            // The journal heals; the shard re-creates the entity after entity-restart-backoff (1 s, real time); it recovers what was durable.
            failedWrites = FlakySqlJournal.Heal(persistenceId);
        }
        Assert.Equal(1, failedWrites);
        // The stop was never written (and never carried out): the last durable state is still running.
        Assert.Equal(ContainerStatus.Running, (await harness.Host.InspectAsync("broken")).State.Status);
        var stopped = await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await harness.Host.SendAsync("broken", new ContainerCommand.Stop());
                }
                catch (ContainerUnavailableException)
                {
                    return null;
                }
            },
            s => s is not null, "the re-created entity to take the stop");
        Assert.Equal(ContainerStatus.Exited, stopped!.State.Status);
        Assert.True(stopped.State.ManuallyStopped);
        Assert.Equal(broken.State.WorkloadId, (await harness.Host.HistoryAsync("broken")).Select(h => h.Event).OfType<ContainerEvent.Started>().Single().WorkloadId);
    }
}
