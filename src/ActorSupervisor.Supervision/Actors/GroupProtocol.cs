using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Supervision.Hosting;

namespace ActorSupervisor.Supervision.Actors;

// The protocol between the host, the container entities and the group entities (internal, as ContainerProtocol).

/// <summary>A message for the group <paramref name="Group"/>, routed by the group shard region.</summary>
internal sealed record GroupEnvelope(string Group, object Message);

/// <summary>An operator's group command, or a member's exit notice (<see cref="GroupCommand.MemberExited"/>, not answered).</summary>
internal sealed record GroupRequest(GroupCommand Command);

/// <summary>Ask for the group's state; answered with <see cref="GroupReply"/>.</summary>
internal sealed record GroupInspect
{
    public static GroupInspect Instance { get; } = new();
}

/// <summary>
/// The group's state after a request (after its plan was carried out, for start, stop and remove), on
/// <paramref name="Node"/>; <paramref name="Problems"/> lists the steps that failed (a member that did not answer).
/// </summary>
internal sealed record GroupReply(GroupState State, string Node, IReadOnlyList<string> Problems);

/// <summary>A group request that could not be carried out (our message, as <see cref="ContainerFailure"/>).</summary>
internal sealed record GroupFailure(ContainerFailureKind Kind, string Group, string Reason)
{
    /// <summary>The exception the host throws for this failure.</summary>
    public Exception ToException() => Kind switch
    {
        ContainerFailureKind.NotFound => new GroupNotFoundException(Group),
        ContainerFailureKind.Rejected => new GroupRejectedException(Group, Reason),
        _ => new ContainerUnavailableException(Group, Reason),
    };
}
