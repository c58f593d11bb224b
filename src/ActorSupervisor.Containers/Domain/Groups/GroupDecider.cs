using System.Globalization;
using static ActorSupervisor.Containers.Domain.Groups.GroupCommand;
using Event = ActorSupervisor.Containers.Domain.Groups.GroupEvent;

namespace ActorSupervisor.Containers.Domain.Groups;

/// <summary>The answer to a group command: the events to persist, or why it was rejected.</summary>
public sealed record GroupDecision(IReadOnlyList<GroupEvent> Events, string? Rejection)
{
    /// <summary>Whether the command was rejected.</summary>
    public bool IsRejected => Rejection is not null;

    /// <summary>Accepts with <paramref name="events"/> (none: nothing changes).</summary>
    public static GroupDecision Accept(params GroupEvent[] events) => new(events, null);

    /// <summary>Rejects because of <paramref name="reason"/>.</summary>
    public static GroupDecision Reject(string reason) => new([], reason);
}

/// <summary>
/// The group's strategy as one pure function (OTP's supervisor, over containers): a member's exit under one_for_all
/// restarts every member, under rest_for_one the member and those after it in the group's order, each as a plan
/// (stop in reverse order, then start in order); under one_for_one the member's own policy restarted it and the group
/// counts it. More restarts than the intensity allows (<see cref="Restarts.RestartIntensity.WouldExceed"/>, the
/// containers' own rule) and the group gives up: its members are stopped. Time comes in as <c>now</c>.
/// </summary>
public static class GroupDecider
{
    /// <summary>What <paramref name="command"/> does to a group in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static GroupDecision Decide(GroupState state, GroupCommand command, DateTimeOffset now)
    {
        if (command is Create create)
            return DecideCreate(state, create, now);
        if (state.Status == GroupStatus.None)
            return GroupDecision.Reject("no such group: create it first");
        if (state.Status == GroupStatus.Removed)
            return GroupDecision.Reject("the group was removed");
        var spec = state.Spec!;
        if (state.Plan is { } plan && command is not CompletePlan)
            return GroupDecision.Reject($"group {spec.Name} is busy: a {Name(plan.Kind)} is under way");
        return command switch
        {
            Start => Begin(now, new GroupPlan(GroupPlanKind.Start, $"started by group {spec.Name}",
                [.. spec.Members.Select(m => new GroupStep(m.Id, GroupStepAction.Start))])),
            Stop => Begin(now, new GroupPlan(GroupPlanKind.Stop, $"stopped by group {spec.Name}",
                [.. spec.Members.Reverse().Select(m => new GroupStep(m.Id, GroupStepAction.StopManual))])),
            Remove => Begin(now, new GroupPlan(GroupPlanKind.Remove, $"group {spec.Name} removed",
                [.. spec.Members.Select(m => new GroupStep(m.Id, GroupStepAction.Leave))])),
            MemberExited exited => DecideExit(state, spec, exited, now),
            CompletePlan => state.Plan is null
                ? GroupDecision.Reject("no plan is under way")
                : state.Plan.Kind == GroupPlanKind.Remove
                    ? GroupDecision.Accept(new Event.PlanCompleted(now), new Event.Destroyed(now))
                    : GroupDecision.Accept(new Event.PlanCompleted(now)),
            _ => GroupDecision.Reject($"unknown command {command.GetType().Name}"),
        };
    }

    /// <summary>Which members a restart after <paramref name="failed"/>'s exit touches, in start order.</summary>
    public static IReadOnlyList<GroupMember> Affected(GroupSpec spec, string failed) => spec.Strategy switch
    {
        GroupStrategy.OneForAll => spec.Members,
        GroupStrategy.RestForOne => [.. spec.Members.SkipWhile(m => m.Id != failed)],
        _ => [.. spec.Members.Where(m => m.Id == failed)],
    };

    private static GroupDecision DecideCreate(GroupState state, Create create, DateTimeOffset now)
    {
        if (state.Status != GroupStatus.None)
            return GroupDecision.Reject(state.Status == GroupStatus.Removed
                ? $"group {create.Spec?.Name} was removed; create it again under another name"
                : $"group {create.Spec?.Name} already exists");
        if (create.Spec is null)
            return GroupDecision.Reject("create needs a spec");
        var errors = create.Spec.Validate();
        return errors.Count > 0
            ? GroupDecision.Reject("invalid group: " + string.Join("; ", errors))
            : GroupDecision.Accept(new Event.Created(now, create.Spec));
    }

    private static GroupDecision DecideExit(GroupState state, GroupSpec spec, MemberExited exited, DateTimeOffset now)
    {
        if (spec.Member(exited.MemberId) is not { } member)
            return GroupDecision.Reject($"container {exited.MemberId} is not a member of group {spec.Name}");
        if (state.HandledExits.TryGetValue(member.Id, out var handled) && exited.ExitAt <= handled)
            return GroupDecision.Accept(); // told again: dealt with already
        var exit = $"{member.Name} exited {Code(exited.ExitCode)}";
        var strategy = GroupStrategyText.Format(spec.Strategy);

        if (exited.Verdict == MemberExitVerdict.GroupDecides)
        {
            if (!spec.DecidesRestarts)
                return GroupDecision.Reject($"group {spec.Name} ({strategy}) leaves restarts to its members");
            // Given up already: the member's pending exit ends as a give-up too.
            if (state.Status == GroupStatus.GaveUp)
                return GroupDecision.Accept(new Event.PlanBegun(now, new GroupPlan(GroupPlanKind.GiveUp, state.GaveUpReason!,
                    [new GroupStep(member.Id, GroupStepAction.GiveUp)]), member.Id, exited.ExitAt));
            if (WouldExceed(state, spec, now) is { } tooMany)
                return GiveUp(spec, member, exited, $"group {spec.Name} ({strategy}) gave up after {exit}: {tooMany}", now);
            var reason = $"restarted by group {spec.Name} ({strategy}) after {exit}";
            var affected = Affected(spec, member.Id);
            var steps = affected.Reverse().Where(m => m.Id != member.Id).Select(m => new GroupStep(m.Id, GroupStepAction.Stop))
                .Concat(affected.Select(m => new GroupStep(m.Id, GroupStepAction.Start)));
            return GroupDecision.Accept(new Event.PlanBegun(now, new GroupPlan(GroupPlanKind.Restart, reason, [.. steps]), member.Id, exited.ExitAt));
        }

        // one_for_one (or a member that decided itself): the group only counts its own restarts.
        if (exited.Verdict != MemberExitVerdict.Restarted || state.Status == GroupStatus.GaveUp)
            return GroupDecision.Accept();
        if (WouldExceed(state, spec, now) is { } limit)
            return GiveUp(spec, null, exited, $"group {spec.Name} ({strategy}) gave up after {exit}: {limit}", now);
        return GroupDecision.Accept(new Event.MemberRestarted(now, member.Id, exited.ExitAt));
    }

    /// <summary>The intensity's description when one more restart now exceeds it, or null.</summary>
    private static string? WouldExceed(GroupState state, GroupSpec spec, DateTimeOffset now) =>
        spec.Intensity is { } intensity && intensity.WouldExceed(state.RecentRestarts, now) ? intensity.Describe() : null;

    /// <summary>Stops every member in reverse order as an operator would; a member whose exit awaits the group gives up instead.</summary>
    private static GroupDecision GiveUp(GroupSpec spec, GroupMember? waiting, MemberExited exited, string reason, DateTimeOffset now)
    {
        var steps = spec.Members.Reverse()
            .Select(m => new GroupStep(m.Id, m.Id == waiting?.Id ? GroupStepAction.GiveUp : GroupStepAction.StopManual));
        return GroupDecision.Accept(new Event.GaveUp(now, reason, new GroupPlan(GroupPlanKind.GiveUp, reason, [.. steps]), exited.MemberId, exited.ExitAt));
    }

    private static GroupDecision Begin(DateTimeOffset now, GroupPlan plan) => GroupDecision.Accept(new Event.PlanBegun(now, plan));

    private static string Code(int? exitCode) => exitCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "(code unknown)";

    private static string Name(GroupPlanKind kind) => kind switch
    {
        GroupPlanKind.GiveUp => "give-up",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
