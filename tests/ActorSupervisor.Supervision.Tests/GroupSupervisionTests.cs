using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Tests.Support;
using ActorSupervisor.Tests.Shared;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>Group entities over the fake runtime on virtual time: strategies, order, intensity, bad input, a node restart.</summary>
public sealed class GroupSupervisionTests
{
    private static async Task<(HostHarness Harness, ContainerSnapshot[] Members)> StartAsync(HostHarness? existing = null)
    {
        var harness = existing ?? await HostHarness.StartFakeAsync();
        var members = new List<ContainerSnapshot>();
        foreach (var name in new[] { "db", "app", "web" })
            members.Add(await harness.Host.CreateAsync(HostHarness.FakeSpec(name, RestartPolicy.Always), start: true));
        return (harness, [.. members]);
    }

    private static async Task<ContainerSnapshot> AwaitRunningAgainAsync(HostHarness harness, ContainerSnapshot before) =>
        await harness.AwaitAsync(before.Id, s => s.Status == ContainerStatus.Running && s.WorkloadId != before.State.WorkloadId, $"{before.Name} running again");

    [Fact]
    public async Task One_for_all_restarts_every_member_stopping_in_reverse_then_starting_in_order()
    {
        var (harness, members) = await StartAsync();
        await using var _ = harness;
        var group = await harness.Host.CreateGroupAsync("stack", GroupStrategy.OneForAll, ["db", "app", "web"], null);
        Assert.Equal(GroupStatus.Active, group.State.Status);
        Assert.Equal("stack", (await harness.Host.InspectAsync("db")).State.Group);

        harness.Fake.ExitNow(members[1].Id, 1);
        var again = new List<ContainerSnapshot>();
        foreach (var member in members) again.Add(await AwaitRunningAgainAsync(harness, member));

        // Stops in reverse order (web before db), starts in order (db, app, web), each running before the next.
        var stopped = new Dictionary<string, DateTimeOffset>();
        foreach (var member in members)
        {
            var history = (await harness.Host.HistoryAsync(member.Id)).Select(h => h.Event).ToList();
            var restarting = history.OfType<ContainerEvent.Restarting>().Last();
            Assert.Equal("restarted by group stack (one_for_all) after app exited 1", restarting.Reason);
            if (member.Name != "app")
            {
                var killed = history.OfType<ContainerEvent.Killed>().Last();
                Assert.Equal(StopPurpose.Group, killed.Purpose);
                Assert.Equal(restarting.Reason, killed.Reason);
                Assert.True(history.OfType<ContainerEvent.Stopped>().Last().ByGroup);
                stopped[member.Name] = history.OfType<ContainerEvent.Died>().Last().At;
            }
            Assert.False((await harness.Host.InspectAsync(member.Id)).State.ManuallyStopped);
        }
        Assert.True(stopped["web"] <= stopped["db"]);
        Assert.True(again[0].State.StartedAt <= again[1].State.StartedAt && again[1].State.StartedAt <= again[2].State.StartedAt);
        var inspected = await harness.Host.InspectGroupAsync("stack");
        Assert.Equal(1, inspected.State.RestartCount);
        Assert.Null(inspected.State.Plan);
    }

    [Fact]
    public async Task Rest_for_one_restarts_the_member_and_those_after_it_only()
    {
        var (harness, members) = await StartAsync();
        await using var _ = harness;
        await harness.Host.CreateGroupAsync("stack", GroupStrategy.RestForOne, ["db", "app", "web"], null);

        harness.Fake.ExitNow(members[1].Id, 3);
        await AwaitRunningAgainAsync(harness, members[1]);
        await AwaitRunningAgainAsync(harness, members[2]);
        await WaitForGroupAsync(harness, g => g.State.Plan is null && g.State.RestartCount == 1);
        Assert.Equal(members[0].State.WorkloadId, (await harness.Host.InspectAsync("db")).State.WorkloadId);
        var web = (await harness.Host.HistoryAsync("web")).Select(h => h.Event).OfType<ContainerEvent.Restarting>().Last();
        Assert.Equal("restarted by group stack (rest_for_one) after app exited 3", web.Reason);
    }

    [Fact]
    public async Task More_restarts_than_the_intensity_give_up_and_stop_every_member()
    {
        var (harness, members) = await StartAsync();
        await using var _ = harness;
        await harness.Host.CreateGroupAsync("stack", GroupStrategy.OneForAll, ["db", "app", "web"], new RestartIntensity(1, TimeSpan.FromMinutes(1)));

        harness.Fake.ExitNow(members[0].Id, 1);
        var db = await AwaitRunningAgainAsync(harness, members[0]);
        await AwaitRunningAgainAsync(harness, members[2]);
        await WaitForGroupAsync(harness, g => g.State.Plan is null && g.State.RestartCount == 1);
        // The clock moves on between two exits of one member (the group tells a repeat of an exit by its time).
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.Fake.ExitNow(db.Id, 1);

        var group = await WaitForGroupAsync(harness, g => g.State.Status == GroupStatus.GaveUp && g.State.Plan is null);
        Assert.Equal("group stack (one_for_all) gave up after db exited 1: more than 1 restarts within 1m0s", group.State.GaveUpReason);
        foreach (var member in members)
            await harness.AwaitAsync(member.Id, s => s.Status == ContainerStatus.Exited, $"{member.Name} stopped");
        var dbState = (await harness.Host.InspectAsync("db")).State;
        Assert.Equal(group.State.GaveUpReason, dbState.GaveUpReason);
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.All(await Task.WhenAll(members.Select(m => harness.Host.InspectAsync(m.Id))), m => Assert.Equal(ContainerStatus.Exited, m.State.Status));

        // An operator's start ends the give-up: every member runs again, in order.
        var started = await harness.Host.SendGroupAsync("stack", new GroupCommand.Start());
        Assert.Equal(GroupStatus.Active, started.State.Status);
        Assert.All(started.Members, m => Assert.Equal(ContainerStatus.Running, m.Container!.State.Status));
    }

    [Fact]
    public async Task Stop_stops_in_reverse_order_as_an_operator_and_start_starts_in_order()
    {
        var (harness, members) = await StartAsync();
        await using var _ = harness;
        await harness.Host.CreateGroupAsync("stack", GroupStrategy.OneForAll, ["db", "app", "web"], null);
        var stopped = await harness.Host.SendGroupAsync("stack", new GroupCommand.Stop());
        Assert.All(stopped.Members, m => Assert.Equal(ContainerStatus.Exited, m.Container!.State.Status));
        Assert.All(stopped.Members, m => Assert.True(m.Container!.State.ManuallyStopped));
        var finished = stopped.Members.Select(m => m.Container!.State.FinishedAt!.Value).ToList();
        Assert.True(finished[2] <= finished[1] && finished[1] <= finished[0]);
        var started = await harness.Host.SendGroupAsync("stack", new GroupCommand.Start());
        var starts = started.Members.Select(m => m.Container!.State.StartedAt!.Value).ToList();
        Assert.True(starts[0] <= starts[1] && starts[1] <= starts[2]);
        Assert.Empty(started.Problems);
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_changes_nothing()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        var unknown = await Assert.ThrowsAsync<GroupDefinitionException>(() => harness.Host.CreateGroupAsync("g1", GroupStrategy.OneForAll, ["db", "nope"], null));
        Assert.Equal("members", unknown.Field);
        Assert.Contains("no such container: nope", unknown.Message);
        Assert.Null((await harness.Host.InspectAsync("db")).State.Group);

        await harness.Host.CreateGroupAsync("g2", GroupStrategy.OneForOne, ["db"], null);
        var twice = await Assert.ThrowsAsync<GroupDefinitionException>(() => harness.Host.CreateGroupAsync("g3", GroupStrategy.OneForAll, ["app", "db"], null));
        Assert.Equal("members", twice.Field);
        Assert.Contains("container db is already a member of group g2", twice.Message);
        Assert.Null((await harness.Host.InspectAsync("app")).State.Group);

        var intensity = await Assert.ThrowsAsync<GroupDefinitionException>(() =>
            harness.Host.CreateGroupAsync("g4", GroupStrategy.OneForAll, ["web"], new RestartIntensity(-1, TimeSpan.FromSeconds(5))));
        Assert.Equal("intensity", intensity.Field);
        await Assert.ThrowsAsync<GroupNotFoundException>(() => harness.Host.InspectGroupAsync("g4"));
        Assert.Equal(["g2"], (await harness.Host.ListGroupsAsync()).Select(g => g.Name));

        // Removal: members leave and keep running.
        await harness.Host.SendGroupAsync("g2", new GroupCommand.Remove());
        Assert.Null((await harness.Host.InspectAsync("db")).State.Group);
        Assert.Equal(ContainerStatus.Running, (await harness.Host.InspectAsync("db")).State.Status);
        Assert.Empty(await harness.Host.ListGroupsAsync());
    }

    [Fact]
    public async Task A_group_survives_a_node_restart_and_still_decides()
    {
        var (harness, members) = await StartAsync();
        await using var _ = harness;
        await harness.Host.CreateGroupAsync("stack", GroupStrategy.OneForAll, ["db", "app", "web"], null);
        await harness.RestartAsync();
        var group = await harness.Host.InspectGroupAsync("stack");
        Assert.Equal(GroupStrategy.OneForAll, group.State.Spec!.Strategy);
        var web = await harness.Host.InspectAsync("web");
        var db = await harness.Host.InspectAsync("db");
        harness.Fake.ExitNow(web.Id, 1);
        await AwaitRunningAgainAsync(harness, db);
        await AwaitRunningAgainAsync(harness, web);
    }

    private static async Task<GroupSnapshot> WaitForGroupAsync(HostHarness harness, Func<GroupSnapshot, bool> condition)
    {
        return await Eventually.ValueAsync(() => harness.Host.InspectGroupAsync("stack"), condition, "the group's state");
    }
}
