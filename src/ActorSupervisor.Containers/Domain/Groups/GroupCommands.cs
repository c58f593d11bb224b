using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Groups;

/// <summary>How a member's own side dealt with an exit its restart policy would restart, as it tells its group.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberExitVerdict>))]
public enum MemberExitVerdict
{
    /// <summary>The group decides (one_for_all, rest_for_one): the member waits, exited, for the group's order.</summary>
    GroupDecides,
    /// <summary>Its own policy restarts it (one_for_one): the group counts it toward its intensity.</summary>
    Restarted,
    /// <summary>Its own intensity gave up on it.</summary>
    GaveUp,
}

/// <summary>What a group is asked or told; <see cref="GroupDecider.Decide"/> turns each into events or rejects it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Create), "create")]
[JsonDerivedType(typeof(Start), "start")]
[JsonDerivedType(typeof(Stop), "stop")]
[JsonDerivedType(typeof(Remove), "remove")]
[JsonDerivedType(typeof(MemberExited), "member_exited")]
[JsonDerivedType(typeof(CompletePlan), "complete_plan")]
public abstract record GroupCommand
{
    /// <summary>Operator: create the group (its members have joined it).</summary>
    public sealed record Create(GroupSpec Spec) : GroupCommand;

    /// <summary>Operator: start every member in order, each running before the next (also ends a give-up).</summary>
    public sealed record Start : GroupCommand;

    /// <summary>Operator: stop every member in reverse order, each with its own stop signal and timeout.</summary>
    public sealed record Stop : GroupCommand;

    /// <summary>Operator: remove the group; members leave it and keep running as they are.</summary>
    public sealed record Remove : GroupCommand;

    /// <summary>
    /// A member's entity: its workload exited at <paramref name="ExitAt"/> with <paramref name="ExitCode"/> (null:
    /// unknown) and its restart policy would restart it; <paramref name="Verdict"/> says what the member did about it.
    /// Sent again until handled; a repeat (same member, an exit at or before one handled) changes nothing.
    /// </summary>
    public sealed record MemberExited(string MemberId, int? ExitCode, DateTimeOffset ExitAt, MemberExitVerdict Verdict) : GroupCommand;

    /// <summary>The group's host: every step of the plan under way was carried out.</summary>
    public sealed record CompletePlan : GroupCommand;
}
