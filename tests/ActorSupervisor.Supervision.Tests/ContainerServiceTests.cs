using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Sharding;
using ActorSupervisor.Supervision.Tests.Support;
using ActorSupervisor.Tests.Shared;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>IContainerService as the node uses it: names and ids, errors, list, history.</summary>
public sealed class ContainerServiceTests
{
    [Fact]
    public async Task Containers_are_addressed_by_name_id_or_id_prefix_and_get_docker_like_ids()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: false);

        Assert.Matches("^[0-9a-f]{64}$", web.Id);
        Assert.Equal("web", web.Name);
        Assert.Equal("test-node", web.Node);
        Assert.Equal(web.Id, (await harness.Host.InspectAsync("web")).Id);
        Assert.Equal(web.Id, (await harness.Host.InspectAsync(web.Id[..12])).Id);
        Assert.Equal(ContainerStatus.Created, (await harness.Host.InspectAsync(web.Id)).State.Status);
    }

    [Fact]
    public async Task A_stop_asked_for_during_the_start_waits_for_it_and_then_stops_in_order()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: true);
        await using var next = await harness.StopAndMakeNextAsync();

        // As a SIGTERM during recovery: the start is under way (the actor system starting, then the wake) when the stop comes.
        var start = next.StartAsync();
        var stop = next.StopAsync();
        await start.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(next.IsReady);
        Assert.Same(stop, next.StopAsync());
    }

    [Fact]
    public async Task Names_are_unique_and_a_removed_containers_name_is_free_again()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var first = await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: true);

        var conflict = await Assert.ThrowsAsync<ContainerNameConflictException>(() => harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: false));
        Assert.Equal(first.Id, conflict.ExistingId);

        var removed = await harness.Host.SendAsync("web", new ContainerCommand.Remove(Force: true));
        Assert.Equal(ContainerStatus.Removed, removed.State.Status);
        Assert.Empty(await harness.Host.ListAsync());
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => harness.Host.InspectAsync("web"));

        var second = await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: false);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task A_names_entity_stops_once_its_claim_is_answered_and_its_history_still_guards_the_name()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var names = ClusterSharding.Get(harness.Host.System).ShardRegion(NameMessageExtractor.TypeName);
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: true);

        // Not one more actor per container: the name's entity is gone once its claim is done.
        await Eventually.TrueAsync(async () => (await names.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5)))
            .Shards.All(shard => shard.EntityIds.Count == 0), "no name entity left");

        var conflict = await Assert.ThrowsAsync<ContainerNameConflictException>(() => harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: false));
        Assert.Equal(web.Id, conflict.ExistingId);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_name_give_one_container()
    {
        await using var harness = await HostHarness.StartFakeAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await harness.Host.CreateAsync(HostHarness.FakeSpec("db"), start: false);
                return true;
            }
            catch (ContainerNameConflictException)
            {
                return false;
            }
        }));

        Assert.Single(attempts, ok => ok);
        Assert.Single(await harness.Host.ListAsync());
    }

    [Fact]
    public async Task A_command_the_state_forbids_is_rejected_with_the_reason_and_changes_nothing()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        var web = await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: false);

        var rejected = await Assert.ThrowsAsync<CommandRejectedException>(() => harness.Host.SendAsync("web", new ContainerCommand.Pause()));
        Assert.Contains("cannot pause", rejected.Message);
        Assert.Equal(web.Id, rejected.ContainerId);
        Assert.Single(await harness.Host.HistoryAsync("web"));
    }

    [Fact]
    public async Task Unknown_containers_and_bad_specs_are_errors_that_create_nothing()
    {
        await using var harness = await HostHarness.StartFakeAsync();

        await Assert.ThrowsAsync<ContainerNotFoundException>(() => harness.Host.SendAsync("ghost", new ContainerCommand.Start()));
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => harness.Host.HistoryAsync("ghost"));
        var badName = await Assert.ThrowsAsync<ArgumentException>(() => harness.Host.CreateAsync(HostHarness.FakeSpec("-bad name"), start: false));
        Assert.Contains("name", badName.Message);
        var noRuntime = await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Host.CreateAsync(HostHarness.FakeSpec("docker") with { Runtime = RuntimeKind.Docker, Image = "busybox" }, start: false));
        Assert.Contains("runtime 'Docker' is not available", noRuntime.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Host.SendAsync("x", new ContainerCommand.Create(HostHarness.FakeSpec("x"))));

        Assert.Empty(await harness.Host.ListAsync());
        await harness.Host.CreateAsync(HostHarness.FakeSpec("docker"), start: false); // the name was not taken
    }

    [Fact]
    public async Task History_returns_the_persisted_events_in_order_and_update_changes_the_policy()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        await harness.Host.CreateAsync(HostHarness.FakeSpec("web"), start: true);
        var updated = await harness.Host.SendAsync("web", new ContainerCommand.Update(RestartPolicy.Always));
        await harness.Host.SendAsync("web", new ContainerCommand.Restart());
        await harness.Host.SendAsync("web", new ContainerCommand.Kill("SIGKILL"));
        await harness.AwaitStatusAsync("web", ContainerStatus.Exited);

        Assert.Equal(RestartPolicy.Always, updated.State.Spec!.Restart);
        var history = await harness.Host.HistoryAsync("web");
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.SequenceNr));
        Assert.Equal(["create", "start", "update", "kill", "die", "stop", "restart", "start", "kill", "die"], history.Select(h => h.Event.Action));
        Assert.Equal(137, ((ContainerEvent.Died)history[^1].Event).ExitCode);
    }

    [Fact]
    public async Task List_shows_every_container_with_its_state()
    {
        await using var harness = await HostHarness.StartFakeAsync();
        await harness.Host.CreateAsync(HostHarness.FakeSpec("alpha"), start: true);
        await harness.Host.CreateAsync(HostHarness.FakeSpec("beta"), start: false);

        var listed = await harness.Host.ListAsync();

        Assert.Equal(["alpha", "beta"], listed.Select(c => c.Name));
        Assert.Equal([ContainerStatus.Running, ContainerStatus.Created], listed.Select(c => c.State.Status));
        Assert.Equal(2, harness.Host.ContainerCount);
    }
}
