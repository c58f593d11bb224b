namespace ActorSupervisor.Messages;

/// <summary>
/// Creates a container group (<c>POST /api/v1/groups</c>) with an OTP strategy; judged by the same rule as the API.
/// Answered with <see cref="GroupResult"/>, or <see cref="CommandFailed"/> naming the field at fault.
/// </summary>
/// <param name="Name">The group's name.</param>
/// <param name="Members">The members' names or ids, in start order (stop order is the reverse); each in one group at most.</param>
/// <param name="Strategy"><c>one_for_one</c>, <c>one_for_all</c> or <c>rest_for_one</c>; null is <c>one_for_one</c>.</param>
/// <param name="MaxRestarts">With <paramref name="Window"/>: more than this many group restarts within it and the group gives up. Null: no limit.</param>
/// <param name="Window">The intensity's window, e.g. <c>1m</c>; given with <paramref name="MaxRestarts"/>.</param>
public sealed record CreateGroup(string Name, IReadOnlyList<string> Members, string? Strategy = null, int? MaxRestarts = null, string? Window = null) : ISupervisorCommand;

/// <summary>A group's state and its members' states (<c>asv group inspect</c>). Answered with <see cref="GroupResult"/>.</summary>
public sealed record GetGroup(string Name) : ISupervisorCommand;

/// <summary>Starts every member in order, each running before the next; ends a give-up. Answered with <see cref="GroupResult"/> once done.</summary>
public sealed record StartGroup(string Name) : ISupervisorCommand;

/// <summary>Stops every member in reverse order, each with its own stop signal and timeout. Answered with <see cref="GroupResult"/> once done.</summary>
public sealed record StopGroup(string Name) : ISupervisorCommand;

/// <summary>Removes the group; its members leave it and keep running as they are. Answered with <see cref="GroupRemoved"/>.</summary>
public sealed record RemoveGroup(string Name) : ISupervisorCommand;

/// <summary>One member of a group as <c>GET /api/v1/groups/NAME</c> shows it.</summary>
/// <param name="Id">The container's id.</param>
/// <param name="Name">The container's name.</param>
/// <param name="State">Its state (the API's states), or <c>removed</c>.</param>
/// <param name="Node">The node hosting it, when it exists.</param>
public sealed record GroupMemberView(string Id, string Name, string State, string? Node = null);

/// <summary>A group as the HTTP API shows it (<c>GET /api/v1/groups/NAME</c>).</summary>
/// <param name="Name">Its name.</param>
/// <param name="Strategy"><c>one_for_one</c>, <c>one_for_all</c> or <c>rest_for_one</c>.</param>
/// <param name="Status"><c>active</c> or <c>gave_up</c>.</param>
/// <param name="Node">The node hosting the group's entity.</param>
/// <param name="Members">The members in start order.</param>
/// <param name="RestartCount">Group restarts since its creation or its last start.</param>
/// <param name="MaxRestarts">The intensity's limit, or null for none.</param>
/// <param name="Window">The intensity's window (e.g. <c>1m0s</c>), or null.</param>
/// <param name="LastRestart">Why the last group restart happened.</param>
/// <param name="GaveUpReason">Why it gave up, when it did.</param>
/// <param name="Plan">The plan under way (<c>start</c>, <c>stop</c>, <c>restart</c>, <c>giveup</c>, <c>remove</c>), or null.</param>
/// <param name="Problems">Steps of the last request's plan that failed.</param>
public sealed record GroupView(string Name, string Strategy, string Status, string Node, IReadOnlyList<GroupMemberView> Members, int RestartCount = 0,
    int? MaxRestarts = null, string? Window = null, string? LastRestart = null, string? GaveUpReason = null, string? Plan = null,
    IReadOnlyList<string>? Problems = null);

/// <summary>The group after a command (create, start, stop) or as it is (get).</summary>
public sealed record GroupResult(GroupView Group) : ISupervisorReply;

/// <summary>The group was removed; its members keep running as they were.</summary>
public sealed record GroupRemoved(string Name) : ISupervisorReply;
