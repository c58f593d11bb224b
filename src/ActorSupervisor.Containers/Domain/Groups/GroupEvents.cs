using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Groups;

/// <summary>What happened to a group: its persisted history. Every event carries its time.</summary>
/// <param name="At">When it happened.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Created), "create")]
[JsonDerivedType(typeof(PlanBegun), "plan")]
[JsonDerivedType(typeof(MemberRestarted), "member_restart")]
[JsonDerivedType(typeof(PlanCompleted), "plan_done")]
[JsonDerivedType(typeof(GaveUp), "gave_up")]
[JsonDerivedType(typeof(Destroyed), "destroy")]
public abstract record GroupEvent(DateTimeOffset At)
{
    /// <summary>The event's name.</summary>
    [JsonIgnore]
    public abstract string Action { get; }

    /// <summary><c>create</c>: the group exists with this spec (its members joined it).</summary>
    public sealed record Created(DateTimeOffset At, GroupSpec Spec) : GroupEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "create";
    }

    /// <summary>
    /// <c>plan</c>: the group begins <paramref name="Plan"/>. A restart plan counts toward the intensity;
    /// <paramref name="TriggerMember"/> and <paramref name="TriggerExitAt"/> name the exit that caused it, if any.
    /// </summary>
    public sealed record PlanBegun(DateTimeOffset At, GroupPlan Plan, string? TriggerMember = null, DateTimeOffset? TriggerExitAt = null) : GroupEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "plan";
    }

    /// <summary><c>member_restart</c>: under one_for_one a member's own policy restarted it; counts toward the intensity.</summary>
    public sealed record MemberRestarted(DateTimeOffset At, string MemberId, DateTimeOffset ExitAt) : GroupEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "member_restart";
    }

    /// <summary><c>plan_done</c>: every step of the plan under way was carried out.</summary>
    public sealed record PlanCompleted(DateTimeOffset At) : GroupEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "plan_done";
    }

    /// <summary>
    /// <c>gave_up</c>: more restarts than the intensity allows; <paramref name="Plan"/> stops the members. No more
    /// restarts until an operator's <c>group start</c>.
    /// </summary>
    public sealed record GaveUp(DateTimeOffset At, string Reason, GroupPlan Plan, string? TriggerMember = null, DateTimeOffset? TriggerExitAt = null) : GroupEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "gave_up";
    }

    /// <summary><c>destroy</c>: the group was removed; its members left it and are otherwise untouched.</summary>
    public sealed record Destroyed(DateTimeOffset At) : GroupEvent(At)
    {
        /// <inheritdoc />
        public override string Action => "destroy";
    }
}
