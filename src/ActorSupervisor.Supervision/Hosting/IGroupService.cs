using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// Container groups with OTP's strategies (one_for_one, one_for_all, rest_for_one): create, list, inspect, start in
/// order, stop in reverse order, remove. Each group is a persistent entity of the <c>group</c> shard region.
/// </summary>
public interface IGroupService
{
    /// <summary>
    /// Creates the group <paramref name="name"/> of the containers <paramref name="members"/> (names or ids, in start
    /// order). Nothing is changed when anything is wrong.
    /// </summary>
    /// <exception cref="GroupDefinitionException">A field is invalid (unknown member, member of another group, bad intensity); it names the field.</exception>
    /// <exception cref="GroupRejectedException">The group exists, or a member refused to join.</exception>
    Task<GroupSnapshot> CreateGroupAsync(string name, GroupStrategy strategy, IReadOnlyList<string> members, RestartIntensity? intensity,
        CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="command"/> (start, stop, remove) and returns the group once its plan was carried out.</summary>
    /// <exception cref="GroupNotFoundException">No such group.</exception>
    Task<GroupSnapshot> SendGroupAsync(string name, GroupCommand command, CancellationToken cancellationToken = default);

    /// <summary>The group's state and its members' states.</summary>
    /// <exception cref="GroupNotFoundException">No such group.</exception>
    Task<GroupSnapshot> InspectGroupAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every group that was not removed, by name.</summary>
    Task<IReadOnlyList<GroupSnapshot>> ListGroupsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A group as the API shows it: its state, the node hosting it, its members' current states (null: gone), and what failed.</summary>
public sealed record GroupSnapshot(string Name, string Node, GroupState State, IReadOnlyList<GroupMemberSnapshot> Members, IReadOnlyList<string> Problems);

/// <summary>One member of a group with its container as the directory knows it (null when it was removed).</summary>
public sealed record GroupMemberSnapshot(GroupMember Member, ContainerSnapshot? Container);

/// <summary>A group definition is invalid; <see cref="Field"/> names what, <see cref="Problem"/> says why.</summary>
public sealed class GroupDefinitionException(string field, string problem) : ArgumentException($"{field}: {problem}")
{
    /// <summary>The field at fault: <c>name</c>, <c>strategy</c>, <c>members</c>, <c>intensity</c>.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong with the field, without its name (the message is both).</summary>
    public string Problem { get; } = problem;
}
