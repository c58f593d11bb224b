using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Groups;

/// <summary>What a group asks of one member in a plan.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GroupStepAction>))]
public enum GroupStepAction
{
    /// <summary>Start it (the group's <c>GroupStart</c>: left as it is when it runs), and wait until it runs.</summary>
    Start,
    /// <summary>Stop it as part of a restart (not a manual stop), and wait until it exited.</summary>
    Stop,
    /// <summary>Stop it as an operator would (the group is stopped, or gave up), and wait until it exited.</summary>
    StopManual,
    /// <summary>Its exit awaits the group's decision and the group gave up: it gives up too.</summary>
    GiveUp,
    /// <summary>It leaves the group (the group is removed).</summary>
    Leave,
}

/// <summary>One step of a plan: <paramref name="Action"/> on the member <paramref name="MemberId"/>.</summary>
public sealed record GroupStep(string MemberId, GroupStepAction Action);

/// <summary>What a plan is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GroupPlanKind>))]
public enum GroupPlanKind
{
    /// <summary>An operator's <c>group start</c>: every member started in order.</summary>
    Start,
    /// <summary>An operator's <c>group stop</c>: every member stopped in reverse order.</summary>
    Stop,
    /// <summary>The strategy's restart after a member's exit: reverse-order stop, then start in order.</summary>
    Restart,
    /// <summary>The intensity was exceeded: members stopped in reverse order.</summary>
    GiveUp,
    /// <summary>The group is removed: members leave it.</summary>
    Remove,
}

/// <summary>
/// The steps a group carries out one after the other, each waiting for its member's answer. Persisted when begun, so a
/// group that recovers (its node died) carries it out again from the start: every step is idempotent (a stop of an
/// exited member, a start of a running one, change nothing).
/// </summary>
/// <param name="Kind">What the plan is for.</param>
/// <param name="Reason">Why, as each member's history tells it.</param>
/// <param name="Steps">In order.</param>
public sealed record GroupPlan(GroupPlanKind Kind, string Reason, IReadOnlyList<GroupStep> Steps);
