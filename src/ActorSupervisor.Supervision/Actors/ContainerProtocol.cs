using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Hosting;

namespace ActorSupervisor.Supervision.Actors;

// The protocol between the host and the container entities. Internal: the node talks to IContainerService,
// other actor systems (later) to the public message contract, never to these.

/// <summary>A message for the container <paramref name="ContainerId"/>, routed by the shard region.</summary>
internal sealed record ContainerEnvelope(string ContainerId, object Message);

/// <summary>An operator's command; answered with <see cref="ContainerReply"/> or a <see cref="ContainerFailure"/>.</summary>
internal sealed record ContainerRequest(ContainerCommand Command);

/// <summary>The container's state after a request was carried out: after its event <paramref name="SequenceNr"/>, on <paramref name="Node"/>.</summary>
internal sealed record ContainerReply(ContainerState State, long SequenceNr, string Node);

/// <summary>
/// A request the entity could not carry out, as a message of our own rather than Akka's <c>Status.Failure</c>: Akka's
/// exception serialization cannot rebuild our exceptions on another node, and the API must answer the same error
/// whichever node hosts the container.
/// </summary>
internal sealed record ContainerFailure(ContainerFailureKind Kind, string ContainerId, string Reason)
{
    /// <summary>The failure for <paramref name="error"/>: not found, rejected, or unavailable (anything else, retryable).</summary>
    public static ContainerFailure Of(string containerId, Exception error) => error switch
    {
        ContainerNotFoundException => new(ContainerFailureKind.NotFound, containerId, error.Message),
        CommandRejectedException => new(ContainerFailureKind.Rejected, containerId, error.Message),
        ContainerUnavailableException unavailable => new(ContainerFailureKind.Unavailable, containerId, unavailable.Reason),
        _ => new(ContainerFailureKind.Unavailable, containerId, error.Message),
    };

    /// <summary>The exception the host throws for this failure.</summary>
    public Exception ToException() => Kind switch
    {
        ContainerFailureKind.NotFound => new ContainerNotFoundException(ContainerId),
        ContainerFailureKind.Rejected => new CommandRejectedException(ContainerId, Reason),
        _ => new ContainerUnavailableException(ContainerId, Reason),
    };
}

/// <summary>Why a request failed; decides the API's status code.</summary>
internal enum ContainerFailureKind
{
    /// <summary>No such container (404).</summary>
    NotFound,

    /// <summary>The container's state forbids the command (409).</summary>
    Rejected,

    /// <summary>The container cannot take commands now; retrying is safe (503).</summary>
    Unavailable,
}

/// <summary>
/// A container's new state, published by its entity to every node's directory (topic <see cref="DirectoryReplication.Topic"/>)
/// after each persisted change and after recovery.
/// </summary>
internal sealed record ContainerStateChanged(string ContainerId, ContainerState State, long SequenceNr, string Node);

/// <summary>A runtime signal for the workload <paramref name="WorkloadId"/>, as the domain's command.</summary>
internal sealed record RuntimeNotice(string WorkloadId, ContainerCommand Command);

/// <summary>Host start-up: recover, reconcile with the runtime, then answer <see cref="Woken"/>.</summary>
internal sealed record Wake
{
    public static Wake Instance { get; } = new();
}

/// <summary>
/// The answer to <see cref="Wake"/>: recovered and reconciled, with the state after event <paramref name="SequenceNr"/>
/// on <paramref name="Node"/>; <paramref name="Exists"/> is false for a removed or never created container.
/// </summary>
internal sealed record Woken(string ContainerId, bool Exists, ContainerState State, long SequenceNr, string Node);

/// <summary>Host shutdown: stop the workload without recording it (when <paramref name="StopWorkload"/>), then answer <see cref="Drained"/>.</summary>
internal sealed record Drain(bool StopWorkload);

/// <summary>
/// The shard's hand-off stop message (the shard moves to another node, or this node leaves): the entity stops its
/// workload first when the host says the workload moves with it (see <c>SupervisionContext.HandOffStopsWorkloads</c>),
/// then stops. Local only: a shard sends it to its own entities.
/// </summary>
internal sealed record HandOff
{
    public static HandOff Instance { get; } = new();
}

/// <summary>The answer to <see cref="Drain"/>: no write of this container is pending.</summary>
internal sealed record Drained(string ContainerId);

/// <summary>The outcome of starting a workload.</summary>
internal sealed record StartOutcome(WorkloadHandle? Handle, Exception? Error);

/// <summary>The outcome of applying an updated memory limit to the running workload.</summary>
internal sealed record MemoryUpdateOutcome(Exception? Error);

/// <summary>The outcome of adopting the recorded workload after a recovery.</summary>
internal sealed record AdoptOutcome(WorkloadStatus? Status, Exception? Error);

/// <summary>The outcome of killing what ran for a recovered container without being on record.</summary>
internal sealed record StraysKilled(bool NodeStart, int Killed, Exception? Error)
{
    /// <summary>The recorded workload's exit, found at adoption, to decide once the strays are dead; null: no workload was on record.</summary>
    public ContainerCommand.RuntimeExited? RecordedExit { get; init; }
}

/// <summary>The outcome of a pause or unpause; on success the domain records <paramref name="Confirms"/>.</summary>
internal sealed record PauseOutcome(ContainerCommand Confirms, Exception? Error);

/// <summary>A stop or kill the runtime could not carry out.</summary>
internal sealed record RuntimeCallFailed(string Operation, Exception Error);

/// <summary>The timer of the <paramref name="Probe"/> probe's generation <paramref name="Generation"/> fired.</summary>
internal sealed record HealthTick(long Generation, ProbeKind Probe);

/// <summary>A probe (health or readiness) ended.</summary>
internal sealed record ProbeOutcome(long Generation, ProbeKind Probe, string WorkloadId, ProbeResult? Result, Exception? Error);

/// <summary>The restart delay of the restart generation <paramref name="Generation"/> is over.</summary>
internal sealed record RestartTick(long Generation);

/// <summary>Time to tell the group again about an exit that still waits for its order.</summary>
internal sealed record GroupNoticeTick;
