using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// What the node's management API asks of the supervision layer: create containers, send them commands,
/// read their state and history. Containers are addressed by id or by name, as in Docker.
/// </summary>
/// <remarks>Every call completes after the container actor has persisted what the command decided.</remarks>
public interface IContainerService
{
    /// <summary>Creates a container from <paramref name="spec"/>, and starts it when <paramref name="start"/> is true.</summary>
    /// <exception cref="ContainerNameConflictException">A container with that name exists.</exception>
    Task<ContainerSnapshot> CreateAsync(ContainerSpec spec, bool start, CancellationToken cancellationToken = default);

    /// <summary>Sends an operator command (start, stop, restart, kill, pause, unpause, remove, update) and returns the state after it.</summary>
    /// <exception cref="ContainerNotFoundException">No container has that id or name.</exception>
    /// <exception cref="CommandRejectedException">The container's state forbids the command; the message says why.</exception>
    Task<ContainerSnapshot> SendAsync(string nameOrId, ContainerCommand command, CancellationToken cancellationToken = default);

    /// <summary>The container's current state.</summary>
    /// <exception cref="ContainerNotFoundException">No container has that id or name.</exception>
    Task<ContainerSnapshot> InspectAsync(string nameOrId, CancellationToken cancellationToken = default);

    /// <summary>Every container this node supervises, removed ones excluded.</summary>
    Task<IReadOnlyList<ContainerSnapshot>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The container's persisted events, oldest first.</summary>
    /// <exception cref="ContainerNotFoundException">No container has that id or name.</exception>
    Task<IReadOnlyList<ContainerHistoryEntry>> HistoryAsync(string nameOrId, CancellationToken cancellationToken = default);
}

/// <summary>A container as the API shows it: its id, name, the node that owns it, and its domain state.</summary>
public sealed record ContainerSnapshot(string Id, string Name, string Node, ContainerState State);

/// <summary>One persisted event of a container, with its sequence number in the container's history.</summary>
public sealed record ContainerHistoryEntry(long SequenceNr, ContainerEvent Event);

/// <summary>No container has the given id or name.</summary>
public sealed class ContainerNotFoundException(string nameOrId)
    : Exception($"No such container: {nameOrId}")
{
    /// <summary>The id or name that was asked for.</summary>
    public string NameOrId { get; } = nameOrId;
}

/// <summary>A container with the given name exists already.</summary>
public sealed class ContainerNameConflictException(string name, string existingId)
    : Exception($"The container name \"{name}\" is already in use by container {existingId}. Remove that container or choose another name.")
{
    /// <summary>The name asked for.</summary>
    public string Name { get; } = name;

    /// <summary>The id of the container that has it.</summary>
    public string ExistingId { get; } = existingId;
}

/// <summary>The container's state forbids the command; <see cref="Exception.Message"/> is the domain's reason.</summary>
public sealed class CommandRejectedException(string containerId, string reason) : Exception(reason)
{
    /// <summary>The container that refused.</summary>
    public string ContainerId { get; } = containerId;
}
