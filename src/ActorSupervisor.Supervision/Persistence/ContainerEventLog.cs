using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSupervisor.Supervision.Persistence;

/// <summary>
/// The node's read side of the journal: a container's history, the whole journal after an offset, and a live
/// feed that wakes on <see cref="NotifyWritten"/> instead of polling. One per actor system; the container actors
/// call <see cref="NotifyWritten"/> after each successful persist.
/// </summary>
public sealed partial class ContainerEventLog : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private static readonly TimeSpan ReadJournalStartTimeout = TimeSpan.FromMinutes(1);
    private readonly Lazy<Task<SqlReadJournal>> _readJournal;
    private readonly IMaterializer _materializer;
    private readonly JournalTable _table;
    private readonly ChangeSignal _written = new();

    /// <summary>Reads the store of <paramref name="system"/>, configured from <paramref name="settings"/>.</summary>
    public ContainerEventLog(ActorSystem system, StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _system = system;
        _readJournal = new(() => Task.Run(StartReadJournal), LazyThreadSafetyMode.ExecutionAndPublication);
        _materializer = system.Materializer(namePrefix: "asv-event-log");
        _table = new JournalTable(settings);
    }

    /// <summary>Says that events were just written: wakes the live feeds. Cheap and lock-free.</summary>
    public void NotifyWritten() => _written.Pulse();

    /// <summary>The events of one stream from <paramref name="fromSequenceNr"/> (inclusive), at most <paramref name="max"/>.</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string persistenceId, long fromSequenceNr, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequenceNr);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return RunAsync(journal => journal.CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, long.MaxValue), max, cancellationToken);
    }

    /// <summary>
    /// The events of every stream after <paramref name="afterOffset"/> (exclusive), in offset order, at most
    /// <paramref name="max"/>. Akka's read journal holds back events behind a gap that a running write may
    /// still fill, so events written in the last second or so may come only on the next call.
    /// </summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterOffset, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return RunAsync(journal => journal.CurrentAllEvents(Offset.Sequence(afterOffset)), max, cancellationToken);
    }

    /// <summary>The offset of the newest event in the journal, 0 when it is empty.</summary>
    public Task<long> ReadHighestOffsetAsync(CancellationToken cancellationToken) => _table.MaxOrderingAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _table.DisposeAsync();

    // SqlReadJournal's constructor blocks up to a fixed 5 s for the write journal to create its tables and throws
    // after that; on a loaded node at start-up that happens, so it is built off the caller's thread and retried.
    private SqlReadJournal StartReadJournal()
    {
        var deadline = DateTime.UtcNow + ReadJournalStartTimeout;
        while (true)
        {
            try
            {
                return PersistenceQuery.Get(_system).ReadJournalFor<SqlReadJournal>(StoreSettings.QueryPluginId);
            }
            catch (AggregateException ex) when (ex.InnerException is AskTimeoutException && DateTime.UtcNow < deadline)
            {
            }
        }
    }

    private async Task<IReadOnlyList<StoredEvent>> RunAsync(
        Func<SqlReadJournal, Source<EventEnvelope, NotUsed>> query, int max, CancellationToken cancellationToken)
    {
        if (max == 0) return [];
        var journal = await _readJournal.Value.WaitAsync(cancellationToken);
        var (killSwitch, result) = query(journal)
            .Take(max)
            .Select(ToStoredEvent)
            .ViaMaterialized(KillSwitches.Single<StoredEvent>(), Keep.Right)
            .ToMaterialized(Sink.Seq<StoredEvent>(), Keep.Both)
            .Run(_materializer);
        await using var _ = cancellationToken.Register(() => killSwitch.Abort(new OperationCanceledException(cancellationToken)));
        try
        {
            return await result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private static StoredEvent ToStoredEvent(EventEnvelope envelope) => new(
        ((Sequence)envelope.Offset).Value, envelope.PersistenceId, envelope.SequenceNr, envelope.Event,
        StoredEvent.FromJournalTicks(envelope.Timestamp));
}
