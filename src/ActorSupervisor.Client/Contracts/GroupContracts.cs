using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client.Contracts;

/// <summary>The body of <c>POST /api/v1/groups</c>: a group of containers with an OTP strategy.</summary>
public sealed record GroupCreateRequest
{
    /// <summary>The group's name.</summary>
    public string? Name { get; init; }

    /// <summary><c>one_for_one</c> (default), <c>one_for_all</c> or <c>rest_for_one</c>.</summary>
    public string? Strategy { get; init; }

    /// <summary>The members' names or ids, in start order (stop order is the reverse).</summary>
    public IReadOnlyList<string>? Members { get; init; }

    /// <summary>More than <c>maxRestarts</c> group restarts within <c>window</c>: the group gives up. None when left out.</summary>
    public RawIntensity? Intensity { get; init; }
}

/// <summary>A group as <c>GET /api/v1/groups/{name}</c> shows it.</summary>
public sealed record GroupInfo
{
    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary><c>one_for_one</c>, <c>one_for_all</c> or <c>rest_for_one</c>.</summary>
    public required string Strategy { get; init; }

    /// <summary><c>active</c> or <c>gave_up</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The node hosting the group's entity.</summary>
    public required string Node { get; init; }

    /// <summary>The members in start order, each with its container's state.</summary>
    public required IReadOnlyList<GroupMemberInfo> Members { get; init; }

    /// <summary>The give-up limit, or null.</summary>
    public GroupIntensityInfo? Intensity { get; init; }

    /// <summary>Group restarts since its creation or its last start.</summary>
    public int RestartCount { get; init; }

    /// <summary>Why the last group restart happened.</summary>
    public string? LastRestart { get; init; }

    /// <summary>Why it gave up, when it did.</summary>
    public string? GaveUpReason { get; init; }

    /// <summary>The plan under way (<c>start</c>, <c>stop</c>, <c>restart</c>, <c>giveup</c>, <c>remove</c>), or null.</summary>
    public string? Plan { get; init; }

    /// <summary>Steps of the last request's plan that failed (a member that was removed or did not answer).</summary>
    public IReadOnlyList<string>? Problems { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? Created { get; init; }
}

/// <summary>One member of a group.</summary>
public sealed record GroupMemberInfo
{
    /// <summary>The container's id.</summary>
    public required string Id { get; init; }

    /// <summary>The container's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its state (<c>running</c>, <c>exited</c>...), or <c>removed</c>.</summary>
    public required string State { get; init; }

    /// <summary>The node hosting it, when it exists.</summary>
    public string? Node { get; init; }
}

/// <summary>A group's intensity.</summary>
public sealed record GroupIntensityInfo(int MaxRestarts, string Window);
