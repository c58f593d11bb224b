using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Supervision;
using ActorSupervisor.Supervision.Tests.Support;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>A container actor's own failure is contained: its supervisor re-creates it; the host and other containers go on.</summary>
public sealed class ActorFailureTests
{
    [Fact]
    public async Task A_failing_journal_write_stops_the_container_actor_but_not_the_host()
    {
        FlakyJournal? flaky = null;
        await using var harness = await HostHarness.StartFakeAsync(wrapJournal: inner => flaky = new FlakyJournal(inner));
        var broken = await harness.Host.CreateAsync(HostHarness.FakeSpec("broken", RestartPolicy.Always), start: true);
        await harness.Host.CreateAsync(HostHarness.FakeSpec("healthy", RestartPolicy.Always), start: true);

        flaky!.FailWritesOf("container-" + broken.Id);
        var failure = await Assert.ThrowsAsync<ContainerUnavailableException>(() => harness.Host.SendAsync("broken", new ContainerCommand.Stop()));
        Assert.Contains("journal", failure.Message);

        var other = await harness.Host.SendAsync("healthy", new ContainerCommand.Stop());
        Assert.Equal(ContainerStatus.Exited, other.State.Status);
        Assert.True(harness.Host.IsReady);
        Assert.Equal(1, harness.Host.Metrics.ActorFailures);

        // The journal heals; the shard re-creates the actor after its backoff; it recovers what was durable.
        flaky.FailWritesOf(null);
        harness.Time.Advance(harness.Options.ActorRestartBackoff);
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
            s => s is not null, "the re-created actor to take the stop");
        Assert.Equal(ContainerStatus.Exited, stopped!.State.Status);
        Assert.Equal(1, flaky.FailedWrites);
    }
}
