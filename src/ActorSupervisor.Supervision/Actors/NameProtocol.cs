using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Supervision.Actors;

// The protocol of the container-name entities: one per name in the cluster, the only place that decides who may take it.

/// <summary>
/// Take <paramref name="Name"/> for the new container <paramref name="ContainerId"/> and create it with
/// <paramref name="Create"/>; answered with the container's <see cref="ContainerReply"/>, a <see cref="NameTaken"/>, or a
/// <see cref="ContainerFailure"/>.
/// </summary>
internal sealed record ClaimName(string Name, string ContainerId, ContainerCommand.Create Create);

/// <summary>The name belongs to the existing container <paramref name="HolderId"/>.</summary>
internal sealed record NameTaken(string Name, string HolderId);

/// <summary>The persisted event of a name entity: <paramref name="ContainerId"/> took the name (and is created next).</summary>
public sealed record NameClaimed(string ContainerId);
