using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Groups;

/// <summary>Where a group stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GroupStatus>))]
public enum GroupStatus
{
    /// <summary>Before its <c>create</c>.</summary>
    None,
    /// <summary>It supervises its members.</summary>
    Active,
    /// <summary>More restarts than its intensity allows: its members were stopped; an operator's start ends it.</summary>
    GaveUp,
    /// <summary>Removed.</summary>
    Removed,
}

/// <summary>A group as its events made it; built only by <see cref="Apply"/>, so replay rebuilds it.</summary>
public sealed record GroupState
{
    /// <summary>Before the <c>create</c> event.</summary>
    public static readonly GroupState Empty = new();

    /// <summary>Where it stands.</summary>
    public GroupStatus Status { get; init; } = GroupStatus.None;

    /// <summary>Its declaration.</summary>
    public GroupSpec? Spec { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The plan under way, or null.</summary>
    public GroupPlan? Plan { get; init; }

    /// <summary>When the plan under way began.</summary>
    public DateTimeOffset? PlanBegunAt { get; init; }

    /// <summary>When recent group restarts happened, within the intensity window (empty without intensity).</summary>
    public IReadOnlyList<DateTimeOffset> RecentRestarts { get; init; } = [];

    /// <summary>Group restarts since its creation or its last operator start.</summary>
    public int RestartCount { get; init; }

    /// <summary>Why it gave up, or null.</summary>
    public string? GaveUpReason { get; init; }

    /// <summary>The last restart's reason, or null.</summary>
    public string? LastRestartReason { get; init; }

    /// <summary>Per member, the latest exit the group has dealt with (repeats of it change nothing).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> HandledExits { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>The state after <paramref name="e"/>. Pure.</summary>
    public GroupState Apply(GroupEvent e) => e switch
    {
        GroupEvent.Created created => this with { Status = GroupStatus.Active, Spec = created.Spec, CreatedAt = created.At },
        GroupEvent.PlanBegun begun => Handled(begun.TriggerMember, begun.TriggerExitAt) with
        {
            Plan = begun.Plan,
            PlanBegunAt = begun.At,
            Status = begun.Plan.Kind == GroupPlanKind.Start ? GroupStatus.Active : Status,
            GaveUpReason = begun.Plan.Kind == GroupPlanKind.Start ? null : GaveUpReason,
            RecentRestarts = begun.Plan.Kind == GroupPlanKind.Start ? [] : begun.Plan.Kind == GroupPlanKind.Restart ? Counted(begun.At) : RecentRestarts,
            RestartCount = begun.Plan.Kind == GroupPlanKind.Start ? 0 : begun.Plan.Kind == GroupPlanKind.Restart ? RestartCount + 1 : RestartCount,
            LastRestartReason = begun.Plan.Kind == GroupPlanKind.Restart ? begun.Plan.Reason : LastRestartReason,
        },
        GroupEvent.MemberRestarted restarted => Handled(restarted.MemberId, restarted.ExitAt) with
        {
            RecentRestarts = Counted(restarted.At),
            RestartCount = RestartCount + 1,
        },
        GroupEvent.PlanCompleted => this with { Plan = null, PlanBegunAt = null },
        GroupEvent.GaveUp gaveUp => Handled(gaveUp.TriggerMember, gaveUp.TriggerExitAt) with
        {
            Status = GroupStatus.GaveUp,
            GaveUpReason = gaveUp.Reason,
            Plan = gaveUp.Plan,
            PlanBegunAt = gaveUp.At,
        },
        GroupEvent.Destroyed => this with { Status = GroupStatus.Removed, Plan = null, PlanBegunAt = null },
        _ => throw new ArgumentException($"unknown group event {e.GetType().Name}", nameof(e)),
    };

    /// <summary>The state after <paramref name="events"/>, from <see cref="Empty"/>.</summary>
    public static GroupState Replay(IEnumerable<GroupEvent> events) => events.Aggregate(Empty, (state, e) => state.Apply(e));

    private GroupState Handled(string? member, DateTimeOffset? exitAt)
    {
        if (member is null || exitAt is not { } at) return this;
        var handled = new Dictionary<string, DateTimeOffset>(HandledExits, StringComparer.Ordinal) { [member] = at };
        return this with { HandledExits = handled };
    }

    private List<DateTimeOffset> Counted(DateTimeOffset at) =>
        Spec?.Intensity is { } intensity ? [.. RecentRestarts.Where(r => intensity.InWindow(r, at)), at] : [];
}
