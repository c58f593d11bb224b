using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes;

namespace ActorSupervisor.Containers.Supervision.Actors;

// The protocol between the host, the shard supervisors and the container actors. Internal: the node talks to
// IContainerService, never to the actors.

/// <summary>An operator's command; answered with <see cref="ContainerReply"/> or a <c>StatusFailure</c>.</summary>
internal sealed record ContainerRequest(ContainerCommand Command);

/// <summary>The container's state after a request was carried out.</summary>
internal sealed record ContainerReply(ContainerState State);

/// <summary>A runtime signal for the workload <paramref name="WorkloadId"/>, as the domain's command.</summary>
internal sealed record RuntimeNotice(string WorkloadId, ContainerCommand Command);

/// <summary>The supervisor's restart decision for the child: schedule, due, or give up.</summary>
internal sealed record SupervisorOrder(ContainerCommand Command);

/// <summary>The outcome of starting a workload.</summary>
internal sealed record StartOutcome(WorkloadHandle? Handle, Exception? Error);

/// <summary>The outcome of adopting the recorded workload after a recovery.</summary>
internal sealed record AdoptOutcome(WorkloadStatus? Status, Exception? Error);

/// <summary>The outcome of a pause or unpause; on success the domain records <paramref name="Confirms"/>.</summary>
internal sealed record PauseOutcome(ContainerCommand Confirms, Exception? Error);

/// <summary>A stop or kill the runtime could not carry out.</summary>
internal sealed record RuntimeCallFailed(string Operation, Exception Error);

/// <summary>The health timer of the probe generation <paramref name="Generation"/> fired.</summary>
internal sealed record HealthTick(long Generation);

/// <summary>A health probe ended.</summary>
internal sealed record ProbeOutcome(long Generation, string WorkloadId, ProbeResult? Result, Exception? Error);

/// <summary>Host shutdown: stop the workload without recording it (when <paramref name="StopWorkload"/>), then answer <see cref="Drained"/>.</summary>
internal sealed record Drain(bool StopWorkload);

/// <summary>The answer to <see cref="Drain"/>: no write of this container is pending.</summary>
internal sealed record Drained(string EntityId);

/// <summary>Child to supervisor: the workload exited and the policy allows a restart; decide.</summary>
internal sealed record ExitReported(string EntityId, RestartContext Context);

/// <summary>Supervisor to child: the exit it reported is not restarted (the policy no longer allows it).</summary>
internal sealed record RestartDeclined(string Reason);

/// <summary>Child to supervisor: drop the pending restart timer.</summary>
internal sealed record RestartCancelled(string EntityId);

/// <summary>Child to supervisor after a recovery: a restart was pending, due at <paramref name="DueAt"/>.</summary>
internal sealed record RestartResumed(string EntityId, DateTimeOffset DueAt);

/// <summary>Child to supervisor: the container was removed; forget it.</summary>
internal sealed record EntityRemoved(string EntityId);

/// <summary>Child to supervisor: recovered and reconciled with its runtime.</summary>
internal sealed record ChildRecovered(string EntityId);
