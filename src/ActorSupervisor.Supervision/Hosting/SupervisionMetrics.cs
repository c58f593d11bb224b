using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// What the supervision layer counts, for the node's <c>/metrics</c>: containers by status, policy restarts,
/// give-ups, health transitions, start failures, runtime signals, container actor failures, dead letters and
/// journal write latency, and the commands waiting for an answer. Read at any time from any thread; the counters only grow (except the per-status gauges).
/// </summary>
public sealed class SupervisionMetrics
{
    private readonly long[] _byStatus = new long[Enum.GetValues<ContainerStatus>().Length];
    private long _restarts;
    private long _gaveUp;
    private long _healthTransitions;
    private long _startFailures;
    private long _runtimeSignals;
    private long _actorFailures;
    private long _deadLetters;
    private long _journalFailures;
    private string? _journalProblem;
    private long _commandsInFlight;

    /// <summary>How long each journal write took, from the call to its acknowledgement.</summary>
    public LatencyHistogram JournalWriteLatency { get; } = new();

    /// <summary>Policy restarts scheduled since the host started.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Times the supervisor gave up on a container (restart intensity exceeded).</summary>
    public long GaveUp => Interlocked.Read(ref _gaveUp);

    /// <summary>Health status changes (<c>health_status</c> events).</summary>
    public long HealthTransitions => Interlocked.Read(ref _healthTransitions);

    /// <summary>Workloads that could not be started.</summary>
    public long StartFailures => Interlocked.Read(ref _startFailures);

    /// <summary>Signals read from the runtimes (started, exited, OOM, paused, resumed).</summary>
    public long RuntimeSignals => Interlocked.Read(ref _runtimeSignals);

    /// <summary>Container actors that failed (an exception, a journal failure) and were restarted or stopped by their supervisor.</summary>
    public long ActorFailures => Interlocked.Read(ref _actorFailures);

    /// <summary>Messages that reached no actor (the actor system's dead letters).</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Journal writes that failed (the store was unreachable or refused to write).</summary>
    public long JournalFailures => Interlocked.Read(ref _journalFailures);

    /// <summary>
    /// Why the journal is failing now: the last write failed and none has succeeded since; null while writes succeed.
    /// A node is not ready while this is set.
    /// </summary>
    public string? JournalProblem => Volatile.Read(ref _journalProblem);

    /// <summary>Commands sent to container entities and not answered yet: the backlog operators wait on.</summary>
    public long CommandsInFlight => Interlocked.Read(ref _commandsInFlight);

    /// <summary>How many containers are in each status now (removed ones are not counted).</summary>
    public IReadOnlyDictionary<ContainerStatus, long> ContainersByStatus()
    {
        var counts = new Dictionary<ContainerStatus, long>();
        foreach (var status in Enum.GetValues<ContainerStatus>())
        {
            if (status is ContainerStatus.None or ContainerStatus.Removed) continue;
            counts[status] = Interlocked.Read(ref _byStatus[(int)status]);
        }
        return counts;
    }

    internal void StatusChanged(ContainerStatus? from, ContainerStatus? to)
    {
        if (from == to) return;
        if (from is { } old) Interlocked.Decrement(ref _byStatus[(int)old]);
        if (to is { } now) Interlocked.Increment(ref _byStatus[(int)now]);
    }

    internal void CountEvent(ContainerEvent e)
    {
        switch (e)
        {
            case ContainerEvent.Restarting { ByPolicy: true }: Interlocked.Increment(ref _restarts); break;
            case ContainerEvent.GaveUp: Interlocked.Increment(ref _gaveUp); break;
            case ContainerEvent.HealthStatusChanged: Interlocked.Increment(ref _healthTransitions); break;
            case ContainerEvent.Died { Error: not null }: Interlocked.Increment(ref _startFailures); break;
        }
    }

    internal void RuntimeSignal() => Interlocked.Increment(ref _runtimeSignals);

    internal void ActorFailure() => Interlocked.Increment(ref _actorFailures);

    internal void JournalFailed(Exception cause)
    {
        Interlocked.Increment(ref _journalFailures);
        Volatile.Write(ref _journalProblem, $"the journal is failing: {cause.Message}");
    }

    internal void JournalWorked()
    {
        if (Volatile.Read(ref _journalProblem) is not null) Volatile.Write(ref _journalProblem, null);
    }

    internal void DeadLetter() => Interlocked.Increment(ref _deadLetters);

    internal void CommandSent() => Interlocked.Increment(ref _commandsInFlight);

    internal void CommandAnswered() => Interlocked.Decrement(ref _commandsInFlight);
}
