namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>
/// The answer to a command: the events to persist and the effects to carry out after, or a rejection with
/// the reason (and nothing to persist or do).
/// </summary>
/// <param name="Events">The events, in order; apply them to get the new state.</param>
/// <param name="Effects">What the host does once the events are durable.</param>
/// <param name="Rejection">Why the command makes no sense in this state, or null when accepted.</param>
public sealed record Decision(IReadOnlyList<ContainerEvent> Events, IReadOnlyList<ContainerEffect> Effects, string? Rejection)
{
    /// <summary>Whether the command was rejected.</summary>
    public bool IsRejected => Rejection is not null;

    /// <summary>Accepts with <paramref name="events"/> and <paramref name="effects"/>.</summary>
    public static Decision Accept(IReadOnlyList<ContainerEvent> events, params ContainerEffect[] effects) => new(events, effects, null);

    /// <summary>Rejects because of <paramref name="reason"/>.</summary>
    public static Decision Reject(string reason) => new([], [], reason);
}
