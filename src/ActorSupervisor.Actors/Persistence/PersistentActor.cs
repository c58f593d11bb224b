using ActorSupervisor.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Actors.Persistence;

/// <summary>
/// An event-sourced actor. On start it recovers: the newest snapshot (as <see cref="SnapshotOffer"/>), then
/// every later event, then <see cref="RecoveryCompleted"/>, all through <see cref="ReceiveRecover"/> and
/// before any command. Commands go to <see cref="ReceiveCommand"/>, which calls <see cref="Persist{TEvent}"/>;
/// the handler of an event runs only once the journal has made it durable, in order, with the command's
/// sender as <c>Sender</c>, and commands arriving meanwhile wait in an internal stash. A failed write or a
/// failed recovery stops the actor (a write that failed must not be acted on); a write the journal rejects
/// skips the handler and the actor goes on.
/// </summary>
public abstract partial class PersistentActor : ActorBase
{
    private readonly string _writerId = Guid.NewGuid().ToString("N");
    private readonly List<Envelope> _internalStash = [];
    private readonly List<AtomicWrite> _eventBatch = [];
    private readonly Queue<PendingHandler> _pendingHandlers = new();
    private Phase _phase = Phase.Recovering;
    private long _sequenceNr;
    private IActorRef? _persistingSender;

    private enum Phase
    {
        Recovering,
        ProcessingCommands,
        PersistingEvents,
    }

    /// <summary>The id of this actor's event history; stable across restarts and nodes.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event persisted or replayed (0 before any).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>True until <see cref="RecoveryCompleted"/> has been handled.</summary>
    public bool IsRecovering => _phase == Phase.Recovering;

    /// <summary>The journal this actor writes to: the system's unless overridden.</summary>
    protected virtual IJournal Journal => Context.System.Settings.Journal;

    /// <summary>The snapshot store this actor uses: the system's unless overridden.</summary>
    protected virtual ISnapshotStore SnapshotStore => Context.System.Settings.SnapshotStore;

    /// <summary>Which snapshot recovery starts from: the newest unless overridden (<see cref="SnapshotSelectionCriteria.None"/> replays everything).</summary>
    protected virtual SnapshotSelectionCriteria RecoverySnapshot => SnapshotSelectionCriteria.Latest;

    /// <summary>Rebuilds state from a <see cref="SnapshotOffer"/>, a replayed event, or <see cref="RecoveryCompleted"/>. Must not have side effects.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command: validate, then <see cref="Persist{TEvent}"/> what happened.</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message) => ReceiveCommand(message);

    /// <summary>
    /// Writes <paramref name="event"/> to the journal after the current handler returns; runs
    /// <paramref name="handler"/> once it is durable. Commands are stashed until then.
    /// </summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull => PersistAll([@event], handler);

    /// <summary>Writes <paramref name="events"/> atomically (all or none); runs <paramref name="handler"/> for each, in order, once durable.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        if (_phase == Phase.Recovering) throw new InvalidOperationException($"{PersistenceId}: cannot persist while recovering");
        var now = Context.System.Time.GetUtcNow();
        var reprs = new List<PersistentRepr>();
        foreach (var @event in events)
        {
            reprs.Add(new PersistentRepr(PersistenceId, ++_sequenceNr, @event, _writerId, now, []));
            _pendingHandlers.Enqueue(new PendingHandler(@event, e => handler((TEvent)e)));
        }
        if (reprs.Count > 0) _eventBatch.Add(new AtomicWrite(reprs));
    }

    /// <summary>Saves <paramref name="snapshot"/> at <see cref="LastSequenceNr"/>; the outcome arrives as <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, Context.System.Time.GetUtcNow());
        ReportOutcome(SnapshotStore.SaveAsync(metadata, snapshot), () => new SaveSnapshotSuccess(metadata), e => new SaveSnapshotFailure(metadata, e));
    }

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/>; the outcome arrives as <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    protected void DeleteMessagesTo(long toSequenceNr)
    {
        if (toSequenceNr < 0) throw new ArgumentOutOfRangeException(nameof(toSequenceNr), toSequenceNr, "must not be negative");
        ReportOutcome(Journal.DeleteMessagesToAsync(PersistenceId, toSequenceNr),
            () => new DeleteMessagesSuccess(toSequenceNr), e => new DeleteMessagesFailure(toSequenceNr, e));
    }

    /// <summary>Deletes the snapshots that match <paramref name="criteria"/>; the outcome arrives as <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ReportOutcome(SnapshotStore.DeleteAsync(PersistenceId, criteria), () => new DeleteSnapshotsSuccess(criteria), e => new DeleteSnapshotsFailure(criteria, e));
    }

    /// <summary>Called when recovery failed; the actor then stops. Logs the cause by default.</summary>
    /// <param name="cause">What failed: the store, or <see cref="ReceiveRecover"/>.</param>
    /// <param name="event">The event being replayed, if the failure was in <see cref="ReceiveRecover"/>.</param>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event) =>
        Log.LogError(cause, "Recovery of {PersistenceId} failed{At}; stopping {Actor}", PersistenceId,
            @event is null ? "" : $" replaying {@event.GetType().Name}", Self.Path);

    /// <summary>Called when the journal could not write an event; the actor then stops. Logs the cause by default.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Log.LogError(cause, "Persisting {EventType} (sequence number {SequenceNr}) of {PersistenceId} failed; stopping {Actor}",
            @event.GetType().Name, sequenceNr, PersistenceId, Self.Path);

    /// <summary>Called when the journal rejected an event; its handler does not run and the actor goes on. Logs a warning by default.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Log.LogWarning(cause, "The journal rejected {EventType} (sequence number {SequenceNr}) of {PersistenceId}",
            @event.GetType().Name, sequenceNr, PersistenceId);

    private void ReportOutcome(Task operation, Func<object> success, Func<Exception, object> failure)
    {
        var self = Self;
        operation.ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? success() : failure(Unwrap(t)), self),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static Exception Unwrap(Task task) =>
        task.Exception?.InnerExceptions is [var single] ? single : task.Exception ?? (Exception)new TaskCanceledException(task);

    private readonly record struct PendingHandler(object Event, Action<object> Handler);
}
