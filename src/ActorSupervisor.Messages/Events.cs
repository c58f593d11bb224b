namespace ActorSupervisor.Messages;

/// <summary>
/// A container event as the HTTP API's event stream carries it (Docker's event names: create, start, die, stop, kill,
/// pause, unpause, restart, health_status, destroy; ours: gave_up), sent to every <see cref="SubscribeEvents"/> subscriber.
/// </summary>
/// <param name="Offset">The event's position in the cluster's journal (grows; the API's <c>Last-Event-ID</c>).</param>
/// <param name="Seq">The event's number in its container's history.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Type">The event's name.</param>
/// <param name="ContainerId">The container's id.</param>
/// <param name="ContainerName">The container's name.</param>
/// <param name="Attributes">Docker-style attributes (exitCode, signal, attempt...).</param>
/// <param name="Why">One sentence saying why it happened.</param>
public sealed record ContainerEventNotice(long Offset, long Seq, DateTimeOffset Time, string Type, string ContainerId, string ContainerName,
    IReadOnlyDictionary<string, string> Attributes, string Why) : ISupervisorMessage;
