using ActorSupervisor.Actors.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSupervisor.Actors;

/// <summary>How an <see cref="ActorSystem"/> runs: its clock, its logging, its dispatcher batch and its persistence stores.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>The clock for timers, receive timeouts, ask timeouts and restart windows. Tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the kernel and actors log: dead letters, failures, supervision decisions.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// How many user messages an actor handles per turn on a thread before yielding it to other actors
    /// (Akka's dispatcher <c>throughput</c>): higher is faster, lower is fairer.
    /// </summary>
    public int Throughput { get; init; } = 100;

    /// <summary>How many dead letters are logged before logging stops (they are still counted and published).</summary>
    public int DeadLetterLogLimit { get; init; } = 100;

    /// <summary>The journal persistent actors write to; in memory unless set.</summary>
    public IJournal Journal { get; init; } = new InMemoryJournal();

    /// <summary>The snapshot store persistent actors save to; in memory unless set.</summary>
    public ISnapshotStore SnapshotStore { get; init; } = new InMemorySnapshotStore();

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(LoggerFactory, nameof(LoggerFactory));
        ArgumentNullException.ThrowIfNull(Journal, nameof(Journal));
        ArgumentNullException.ThrowIfNull(SnapshotStore, nameof(SnapshotStore));
        if (Throughput < 1) throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "throughput must be at least 1 message per turn");
        if (DeadLetterLogLimit < 0) throw new ArgumentOutOfRangeException(nameof(DeadLetterLogLimit), DeadLetterLogLimit, "the dead letter log limit must not be negative");
    }
}
