using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Supervision.Actors;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Supervision.Sharding;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>The host's side of groups: the <c>group</c> shard region (remembered entities, as containers) and <see cref="IGroupService"/>.</summary>
public sealed partial class ContainerHost : IGroupService
{
    private IActorRef? _groups;

    private async Task StartGroupsAsync()
    {
        var containers = _region!;
        var context = _context!;
        _groups = await ClusterSharding.Get(_system!).StartAsync(GroupMessageExtractor.TypeName,
            name => GroupEntity.PropsFor(name, context, () => containers), ClusterShardingSettings.Create(_system!),
            new GroupMessageExtractor(_options.ShardCount)).ConfigureAwait(false);
        context.Groups = _groups;
    }

    /// <inheritdoc />
    public async Task<GroupSnapshot> CreateGroupAsync(string name, GroupStrategy strategy, IReadOnlyList<string> members, RestartIntensity? intensity,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        EnsureAccepting(name);
        var resolved = new List<GroupMember>();
        foreach (var nameOrId in members)
        {
            var id = _directory.Resolve(nameOrId) ?? throw new GroupDefinitionException("members", $"no such container: {nameOrId}");
            _directory.TryGet(id, out var entry);
            var member = new GroupMember(id, entry.State.Spec?.Name ?? nameOrId);
            if (entry.State.Group is { } other && other != name)
                throw new GroupDefinitionException("members", $"container {member.Name} is already a member of group {other}; a container is in one group at most");
            resolved.Add(member);
        }
        var spec = new GroupSpec(name, strategy, resolved, intensity);
        if (spec.Validate() is [var first, ..] errors)
            throw new GroupDefinitionException(first.Field, string.Join("; ", errors.Select(e => e.Message)));
        // The group's entity asks each member to join (the member's entity decides, so two creates naming one container
        // meet there), each within the command timeout.
        var timeout = _options.CommandTimeout * (resolved.Count + 1);
        return await AskGroupAsync(name, new GroupRequest(new GroupCommand.Create(spec)), timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<GroupSnapshot> SendGroupAsync(string name, GroupCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is GroupCommand.Create) throw new ArgumentException("create groups with CreateGroupAsync", nameof(command));
        EnsureAccepting(name);
        // A plan waits for each member in turn, each up to its stop timeout.
        var stopTimeouts = _directory.All.Where(e => e.Value.State.Group == name)
            .Aggregate(TimeSpan.Zero, (sum, e) => sum + (e.Value.State.Spec?.StopTimeout ?? TimeSpan.Zero) + _options.CommandTimeout);
        return AskGroupAsync(name, new GroupRequest(command), _options.CommandTimeout + stopTimeouts, cancellationToken);
    }

    /// <inheritdoc />
    public Task<GroupSnapshot> InspectGroupAsync(string name, CancellationToken cancellationToken = default) =>
        AskGroupAsync(name, GroupInspect.Instance, _options.CommandTimeout, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<GroupSnapshot>> ListGroupsAsync(CancellationToken cancellationToken = default)
    {
        var ids = await Events.ReadPersistenceIdsNotEndingWithAsync(Serialization.ContainerManifests.GroupDestroyed, cancellationToken).ConfigureAwait(false);
        var names = ids.Select(GroupPersistenceIds.NameOf).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var groups = new List<GroupSnapshot>();
        foreach (var name in names)
        {
            try
            {
                groups.Add(await InspectGroupAsync(name, cancellationToken).ConfigureAwait(false));
            }
            catch (GroupNotFoundException)
            {
                // A create that failed may leave nothing but its entity's absence.
            }
        }
        return groups;
    }

    private async Task<GroupSnapshot> AskGroupAsync(string name, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new GroupNotFoundException(name ?? "");
        object answer;
        try
        {
            answer = await _groups!.Ask<object>(new GroupEnvelope(name, message), timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ContainerUnavailableException($"group {name}", $"it did not answer within {timeout}; the request may still complete");
        }
        return answer switch
        {
            GroupReply reply => Snapshot(name, reply),
            GroupFailure failure => throw failure.ToException(),
            _ => throw new InvalidOperationException($"group {name} answered with an unexpected {answer.GetType().Name}"),
        };
    }

    private GroupSnapshot Snapshot(string name, GroupReply reply)
    {
        var members = (reply.State.Spec?.Members ?? []).Select(member =>
            new GroupMemberSnapshot(member, _directory.TryGet(member.Id, out var entry)
                && entry.State.Status is not (Containers.Domain.Lifecycle.ContainerStatus.Removed or Containers.Domain.Lifecycle.ContainerStatus.None)
                ? Snapshot(member.Id, entry) : null)).ToList();
        return new GroupSnapshot(name, reply.Node, reply.State, members, reply.Problems);
    }
}
