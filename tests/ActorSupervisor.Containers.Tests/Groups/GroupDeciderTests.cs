using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using static ActorSupervisor.Containers.Domain.Groups.GroupCommand;

namespace ActorSupervisor.Containers.Tests.Groups;

// Oracle: Erlang/OTP's supervisor (one_for_one, one_for_all, rest_for_one; terminate in reverse start order, restart in
// start order; more than MaxR restarts in MaxT: the supervisor terminates its children and gives up).
public class GroupDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly GroupMember Db = new("id-db", "db");
    private static readonly GroupMember App = new("id-app", "app");
    private static readonly GroupMember Web = new("id-web", "web");

    private static GroupState Created(GroupStrategy strategy, RestartIntensity? intensity = null)
    {
        var spec = new GroupSpec("stack", strategy, [Db, App, Web], intensity);
        var decision = GroupDecider.Decide(GroupState.Empty, new Create(spec), T0);
        Assert.False(decision.IsRejected, decision.Rejection);
        return Apply(GroupState.Empty, decision);
    }

    private static GroupState Apply(GroupState state, GroupDecision decision) => decision.Events.Aggregate(state, (s, e) => s.Apply(e));

    private static (GroupState State, GroupDecision Decision) Exit(GroupState state, GroupMember member, DateTimeOffset at,
        MemberExitVerdict verdict = MemberExitVerdict.GroupDecides, int? code = 1)
    {
        var decision = GroupDecider.Decide(state, new MemberExited(member.Id, code, at, verdict), at);
        Assert.False(decision.IsRejected, decision.Rejection);
        var after = Apply(state, decision);
        // A plan completes before the next command is decided (the host carries it out and says so).
        if (after.Plan is not null) after = Apply(after, GroupDecider.Decide(after, new CompletePlan(), at));
        return (after, decision);
    }

    private static string Steps(GroupPlan plan) => string.Join(" ", plan.Steps.Select(s => $"{s.Action.ToString().ToLowerInvariant()}:{s.MemberId[3..]}"));

    [Theory]
    [InlineData(GroupStrategy.OneForAll, "db", "stop:web stop:app start:db start:app start:web")]
    [InlineData(GroupStrategy.OneForAll, "app", "stop:web stop:db start:db start:app start:web")]
    [InlineData(GroupStrategy.OneForAll, "web", "stop:app stop:db start:db start:app start:web")]
    [InlineData(GroupStrategy.RestForOne, "db", "stop:web stop:app start:db start:app start:web")]
    [InlineData(GroupStrategy.RestForOne, "app", "stop:web start:app start:web")]
    [InlineData(GroupStrategy.RestForOne, "web", "start:web")]
    public void A_members_exit_restarts_the_affected_members_stopping_in_reverse_then_starting_in_order(GroupStrategy strategy, string failed, string expected)
    {
        var member = new[] { Db, App, Web }.Single(m => m.Name == failed);
        var (_, decision) = Exit(Created(strategy), member, T0.AddSeconds(1));
        var begun = Assert.IsType<GroupEvent.PlanBegun>(Assert.Single(decision.Events));
        Assert.Equal(GroupPlanKind.Restart, begun.Plan.Kind);
        Assert.Equal(expected, Steps(begun.Plan));
        var strategyText = GroupStrategyText.Format(strategy);
        Assert.Equal($"restarted by group stack ({strategyText}) after {failed} exited 1", begun.Plan.Reason);
    }

    [Fact]
    public void One_for_one_leaves_restarts_to_the_member_and_counts_them()
    {
        var state = Created(GroupStrategy.OneForOne, new RestartIntensity(2, TimeSpan.FromSeconds(10)));
        (state, var first) = Exit(state, App, T0.AddSeconds(1), MemberExitVerdict.Restarted);
        Assert.IsType<GroupEvent.MemberRestarted>(Assert.Single(first.Events));
        Assert.Equal(1, state.RestartCount);
        Assert.True(GroupDecider.Decide(state, new MemberExited(App.Id, 1, T0.AddSeconds(2), MemberExitVerdict.GroupDecides), T0.AddSeconds(2)).IsRejected);
    }

    // OTP: intensity 2 within 10 s allows 2 restarts; the third within the window terminates every child and gives up.
    [Theory]
    [InlineData(GroupStrategy.OneForAll)]
    [InlineData(GroupStrategy.RestForOne)]
    [InlineData(GroupStrategy.OneForOne)]
    public void More_restarts_than_the_intensity_within_its_window_give_up_and_stop_every_member_in_reverse_order(GroupStrategy strategy)
    {
        var verdict = strategy == GroupStrategy.OneForOne ? MemberExitVerdict.Restarted : MemberExitVerdict.GroupDecides;
        var state = Created(strategy, new RestartIntensity(2, TimeSpan.FromSeconds(10)));
        (state, _) = Exit(state, App, T0.AddSeconds(1), verdict);
        (state, _) = Exit(state, App, T0.AddSeconds(5), verdict);
        Assert.Equal(GroupStatus.Active, state.Status);
        var (after, third) = Exit(state, App, T0.AddSeconds(9), verdict);
        var gaveUp = Assert.IsType<GroupEvent.GaveUp>(Assert.Single(third.Events));
        Assert.Equal(GroupStatus.GaveUp, after.Status);
        var waiting = strategy == GroupStrategy.OneForOne ? "stopmanual:app" : "giveup:app";
        Assert.Equal($"stopmanual:web {waiting} stopmanual:db", Steps(gaveUp.Plan));
        Assert.Contains("more than 2 restarts within 10s", gaveUp.Reason);
        Assert.StartsWith($"group stack ({GroupStrategyText.Format(strategy)}) gave up after app exited 1", gaveUp.Reason);
    }

    [Fact]
    public void Restarts_outside_the_window_do_not_count()
    {
        var state = Created(GroupStrategy.OneForAll, new RestartIntensity(1, TimeSpan.FromSeconds(10)));
        (state, _) = Exit(state, Db, T0.AddSeconds(1));
        (state, var second) = Exit(state, Db, T0.AddSeconds(11));
        Assert.IsType<GroupEvent.PlanBegun>(Assert.Single(second.Events));
        (_, var third) = Exit(state, Db, T0.AddSeconds(12));
        Assert.IsType<GroupEvent.GaveUp>(Assert.Single(third.Events));
    }

    [Fact]
    public void An_intensity_of_zero_gives_up_on_the_first_exit()
    {
        var (state, decision) = Exit(Created(GroupStrategy.OneForAll, new RestartIntensity(0, TimeSpan.FromSeconds(5))), Web, T0.AddSeconds(1));
        Assert.IsType<GroupEvent.GaveUp>(Assert.Single(decision.Events));
        Assert.Equal(GroupStatus.GaveUp, state.Status);
    }

    [Fact]
    public void The_same_exit_told_twice_changes_nothing()
    {
        var (state, _) = Exit(Created(GroupStrategy.OneForAll), Db, T0.AddSeconds(1));
        var again = GroupDecider.Decide(state, new MemberExited(Db.Id, 1, T0.AddSeconds(1), MemberExitVerdict.GroupDecides), T0.AddSeconds(2));
        Assert.False(again.IsRejected);
        Assert.Empty(again.Events);
        Assert.Equal(1, state.RestartCount);
    }

    [Fact]
    public void A_given_up_group_lets_a_later_exit_give_up_too_and_an_operator_start_ends_the_give_up()
    {
        var (state, _) = Exit(Created(GroupStrategy.OneForAll, new RestartIntensity(0, TimeSpan.FromSeconds(5))), Db, T0.AddSeconds(1));
        var (later, decision) = Exit(state, App, T0.AddSeconds(2));
        var begun = Assert.IsType<GroupEvent.PlanBegun>(Assert.Single(decision.Events));
        Assert.Equal("giveup:app", Steps(begun.Plan));
        Assert.Equal(GroupStatus.GaveUp, later.Status);

        var start = GroupDecider.Decide(later, new Start(), T0.AddSeconds(3));
        var started = Apply(later, start);
        Assert.Equal("start:db start:app start:web", Steps(started.Plan!));
        Assert.Equal(GroupStatus.Active, started.Status);
        Assert.Null(started.GaveUpReason);
        Assert.Empty(started.RecentRestarts);
    }

    [Fact]
    public void Stop_goes_in_reverse_order_as_an_operator_would_and_remove_makes_members_leave()
    {
        var state = Created(GroupStrategy.OneForAll);
        Assert.Equal("stopmanual:web stopmanual:app stopmanual:db", Steps(Apply(state, GroupDecider.Decide(state, new Stop(), T0)).Plan!));
        var removing = Apply(state, GroupDecider.Decide(state, new Remove(), T0));
        Assert.Equal("leave:db leave:app leave:web", Steps(removing.Plan!));
        Assert.True(GroupDecider.Decide(removing, new Start(), T0).IsRejected); // busy
        var removed = Apply(removing, GroupDecider.Decide(removing, new CompletePlan(), T0));
        Assert.Equal(GroupStatus.Removed, removed.Status);
        Assert.Equal("the group was removed", GroupDecider.Decide(removed, new Start(), T0).Rejection);
    }

    [Theory]
    [InlineData("", "name: invalid group name")]
    [InlineData("-web", "name: invalid group name")]
    public void A_bad_name_is_refused_naming_the_field(string name, string expected)
    {
        var decision = GroupDecider.Decide(GroupState.Empty, new Create(new GroupSpec(name, GroupStrategy.OneForAll, [Db])), T0);
        Assert.Contains(expected, decision.Rejection);
    }

    [Fact]
    public void Bad_members_and_intensity_are_refused_naming_the_field()
    {
        Assert.Contains("members: a group needs at least one member",
            GroupDecider.Decide(GroupState.Empty, new Create(new GroupSpec("g", GroupStrategy.OneForAll, [])), T0).Rejection);
        Assert.Contains("members: container db is listed twice",
            GroupDecider.Decide(GroupState.Empty, new Create(new GroupSpec("g", GroupStrategy.OneForAll, [Db, Db])), T0).Rejection);
        Assert.Contains("intensity: max restarts cannot be negative",
            GroupDecider.Decide(GroupState.Empty, new Create(new GroupSpec("g", GroupStrategy.OneForAll, [Db], new RestartIntensity(-1, TimeSpan.FromSeconds(1)))), T0).Rejection);
        Assert.Contains("intensity: the window must be longer than zero",
            GroupDecider.Decide(GroupState.Empty, new Create(new GroupSpec("g", GroupStrategy.OneForAll, [Db], new RestartIntensity(1, TimeSpan.Zero))), T0).Rejection);
        Assert.False(GroupStrategyText.TryParse("one_for_some", out _, out var error));
        Assert.Equal("unknown strategy 'one_for_some'; expected one of one_for_one, one_for_all, rest_for_one", error);
    }

    [Fact]
    public void An_exit_of_a_container_that_is_not_a_member_is_refused()
    {
        var decision = GroupDecider.Decide(Created(GroupStrategy.OneForAll), new MemberExited("id-other", 1, T0, MemberExitVerdict.GroupDecides), T0);
        Assert.Equal("container id-other is not a member of group stack", decision.Rejection);
    }
}

// The member's side: joining, the group's stop and start, and what its exit leads to.
public class GroupMemberDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ContainerState Running(string? group = null)
    {
        var spec = new ContainerSpec { Name = "db", Command = CommandLine.Shell("sleep 100"), Restart = RestartPolicy.Always };
        var state = ContainerState.Empty.Apply(new ContainerEvent.Created(T0, spec));
        if (group is not null) state = state.Apply(new ContainerEvent.GroupChanged(T0, group, true));
        return state.Apply(new ContainerEvent.Started(T0, "42", 42, 1, false));
    }

    private static ContainerState Apply(ContainerState state, Decision decision) => decision.Events.Aggregate(state, (s, e) => s.Apply(e));

    [Fact]
    public void A_container_in_one_group_cannot_join_another_and_may_leave()
    {
        var state = Running("web");
        Assert.Equal("container db is already a member of group api; a container is in one group at most",
            ContainerDecider.Decide(Running("api"), new ContainerCommand.JoinGroup("web", true), T0).Rejection);
        Assert.Empty(ContainerDecider.Decide(state, new ContainerCommand.JoinGroup("web", true), T0).Events);
        var left = Apply(state, ContainerDecider.Decide(state, new ContainerCommand.JoinGroup(null, false), T0));
        Assert.Null(left.Group);
        Assert.False(left.GroupRestarts);
    }

    [Fact]
    public void A_group_stop_is_not_a_manual_stop_and_its_exit_is_not_restarted_by_the_policy()
    {
        var state = Running("web");
        var stop = ContainerDecider.Decide(state, new ContainerCommand.GroupStop("restarted by group web (one_for_all) after app exited 1"), T0);
        var killed = Assert.IsType<ContainerEvent.Killed>(Assert.Single(stop.Events));
        Assert.Equal(StopPurpose.Group, killed.Purpose);
        Assert.Equal("restarted by group web (one_for_all) after app exited 1", killed.Reason);
        var stopping = Apply(state, stop);
        var exit = ContainerDecider.Decide(stopping, new ContainerCommand.RuntimeExited(143, false, T0.AddSeconds(1)), T0.AddSeconds(1));
        Assert.DoesNotContain(exit.Effects, e => e is ContainerEffect.ReportExit);
        var stopped = Apply(stopping, exit);
        Assert.Equal(ContainerStatus.Exited, stopped.Status);
        Assert.False(stopped.ManuallyStopped);
        Assert.IsType<ContainerEvent.Stopped>(exit.Events[^1]);
        Assert.True(((ContainerEvent.Stopped)exit.Events[^1]).ByGroup);
    }

    [Fact]
    public void A_group_start_resolves_an_exit_waiting_for_the_group_and_leaves_a_running_one_alone()
    {
        var state = Running("web");
        var exit = ContainerDecider.Decide(state, new ContainerCommand.RuntimeExited(1, false, T0.AddSeconds(1)), T0.AddSeconds(1));
        Assert.Contains(exit.Effects, e => e is ContainerEffect.ReportExit);
        var waiting = Apply(state, exit);
        Assert.True(waiting.RestartPending);
        var start = ContainerDecider.Decide(waiting, new ContainerCommand.GroupStart("restarted by group web (one_for_all) after db exited 1"), T0.AddSeconds(1));
        var restarting = Assert.IsType<ContainerEvent.Restarting>(Assert.Single(start.Events));
        Assert.Equal("restarted by group web (one_for_all) after db exited 1", restarting.Reason);
        Assert.Contains(start.Effects, e => e is ContainerEffect.StartWorkload);
        Assert.Empty(ContainerDecider.Decide(state, new ContainerCommand.GroupStart("started by group web"), T0).Events);
    }
}
