using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;

namespace ActorSupervisor.Supervision.Actors;

// The protocol between the host and the container entities. Internal: the node talks to IContainerService,
// other actor systems (later) to the public message contract, never to these.

/// <summary>A message for the container <paramref name="ContainerId"/>, routed by the shard region.</summary>
internal sealed record ContainerEnvelope(string ContainerId, object Message);

/// <summary>An operator's command; answered with <see cref="ContainerReply"/> or a <c>Status.Failure</c>.</summary>
internal sealed record ContainerRequest(ContainerCommand Command);

/// <summary>The container's state after a request was carried out.</summary>
internal sealed record ContainerReply(ContainerState State);

/// <summary>A runtime signal for the workload <paramref name="WorkloadId"/>, as the domain's command.</summary>
internal sealed record RuntimeNotice(string WorkloadId, ContainerCommand Command);

/// <summary>Host start-up: recover, reconcile with the runtime, then answer <see cref="Woken"/>.</summary>
internal sealed record Wake
{
    public static Wake Instance { get; } = new();
}

/// <summary>The answer to <see cref="Wake"/>: recovered and reconciled; <paramref name="Exists"/> is false for a removed or never created container.</summary>
internal sealed record Woken(string ContainerId, bool Exists);

/// <summary>Host shutdown: stop the workload without recording it (when <paramref name="StopWorkload"/>), then answer <see cref="Drained"/>.</summary>
internal sealed record Drain(bool StopWorkload);

/// <summary>The answer to <see cref="Drain"/>: no write of this container is pending.</summary>
internal sealed record Drained(string ContainerId);

/// <summary>The outcome of starting a workload.</summary>
internal sealed record StartOutcome(WorkloadHandle? Handle, Exception? Error);

/// <summary>The outcome of adopting the recorded workload after a recovery.</summary>
internal sealed record AdoptOutcome(WorkloadStatus? Status, Exception? Error);

/// <summary>The outcome of killing what ran for a recovered container without being on record.</summary>
internal sealed record StraysKilled(bool NodeStart, int Killed, Exception? Error);

/// <summary>The outcome of a pause or unpause; on success the domain records <paramref name="Confirms"/>.</summary>
internal sealed record PauseOutcome(ContainerCommand Confirms, Exception? Error);

/// <summary>A stop or kill the runtime could not carry out.</summary>
internal sealed record RuntimeCallFailed(string Operation, Exception Error);

/// <summary>The health timer of the probe generation <paramref name="Generation"/> fired.</summary>
internal sealed record HealthTick(long Generation);

/// <summary>A health probe ended.</summary>
internal sealed record ProbeOutcome(long Generation, string WorkloadId, ProbeResult? Result, Exception? Error);

/// <summary>The restart delay of the restart generation <paramref name="Generation"/> is over.</summary>
internal sealed record RestartTick(long Generation);
