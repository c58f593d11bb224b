using ActorSupervisor.Actors.Internal;

namespace ActorSupervisor.Actors.Persistence;

/// <summary>The phases of a persistent actor: recovering, processing commands, persisting events.</summary>
public abstract partial class PersistentActor
{
    internal override void AroundPreStart()
    {
        StartRecovery();
        base.AroundPreStart();
    }

    internal override void AroundPostRestart(Exception reason)
    {
        StartRecovery();
        base.AroundPostRestart(reason);
    }

    internal override void AroundPreRestart(Exception reason, object? message)
    {
        // Commands this instance held back go back in front of the mailbox for the next one.
        Cell.Prepend(_internalStash);
        _internalStash.Clear();
        base.AroundPreRestart(reason, message);
    }

    internal override bool AroundReceive(object message)
    {
        switch (_phase)
        {
            case Phase.Recovering:
                if (message is RecoveryMessage recovery) OnRecoveryMessage(recovery);
                else StashInternally(message);
                return true;
            case Phase.PersistingEvents:
                if (message is WriteCompleted written) OnWriteCompleted(written);
                else if (message is not InternalMessage) StashInternally(message);
                return true;
            default:
                if (message is InternalMessage) return true; // a late reply meant for an earlier incarnation
                var handled = base.AroundReceive(message);
                FlushEvents();
                return handled;
        }
    }

    internal override void AfterContinuation()
    {
        // Persist called after an await in RunTask: write now, unless a write is in flight (it flushes when done).
        if (_phase == Phase.ProcessingCommands) FlushEvents();
    }

    private void StashInternally(object message) => _internalStash.Add(new Envelope(message, Cell.CurrentSender));

    private void StartRecovery()
    {
        var self = Self;
        var journal = Journal;
        var snapshots = SnapshotStore;
        var persistenceId = PersistenceId;
        var criteria = RecoverySnapshot;
        RecoverAsync().ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? new RecoveryDone(this, t.Result) : new RecoveryFailed(this, Unwrap(t)), self),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // Runs off the actor's turn: it only sends messages, which the actor handles in order on its turn.
        async Task<long> RecoverAsync()
        {
            var snapshot = await snapshots.LoadAsync(persistenceId, criteria).ConfigureAwait(false);
            var from = 1L;
            if (snapshot is not null)
            {
                self.Tell(new SnapshotLoaded(this, snapshot), self);
                from = snapshot.Metadata.SequenceNr + 1;
            }
            await journal.ReplayMessagesAsync(persistenceId, from, long.MaxValue, long.MaxValue,
                repr => self.Tell(new EventReplayed(this, repr), self)).ConfigureAwait(false);
            return await journal.ReadHighestSequenceNrAsync(persistenceId, from).ConfigureAwait(false);
        }
    }

    private void OnRecoveryMessage(RecoveryMessage message)
    {
        if (message.Owner != this) return;
        object? current = null;
        try
        {
            switch (message)
            {
                case SnapshotLoaded loaded:
                    LastSequenceNr = _sequenceNr = loaded.Snapshot.Metadata.SequenceNr;
                    current = loaded.Snapshot.Snapshot;
                    ReceiveRecover(new SnapshotOffer(loaded.Snapshot.Metadata, loaded.Snapshot.Snapshot));
                    break;
                case EventReplayed replayed:
                    current = replayed.Repr.Payload;
                    LastSequenceNr = _sequenceNr = replayed.Repr.SequenceNr;
                    ReceiveRecover(replayed.Repr.Payload);
                    break;
                case RecoveryDone done:
                    LastSequenceNr = _sequenceNr = Math.Max(done.HighestSequenceNr, LastSequenceNr);
                    _phase = Phase.ProcessingCommands;
                    ReceiveRecover(RecoveryCompleted.Instance);
                    FlushEvents();
                    if (_phase == Phase.ProcessingCommands) UnstashInternally();
                    break;
                case RecoveryFailed failed:
                    FailRecovery(failed.Cause, null);
                    break;
            }
        }
        catch (Exception e) when (_phase == Phase.Recovering)
        {
            FailRecovery(e, current);
        }
    }

    private void FailRecovery(Exception cause, object? @event)
    {
        _phase = Phase.Recovering; // nothing more is handled: the stop is next
        OnRecoveryFailure(cause, @event);
        Cell.StopSelf();
    }

    private void FlushEvents()
    {
        if (_eventBatch.Count == 0) return;
        var batch = _eventBatch.ToArray();
        _eventBatch.Clear();
        _phase = Phase.PersistingEvents;
        _persistingSender = Cell.CurrentSender;
        var self = Self;
        Task<IReadOnlyList<Exception?>> write;
        try
        {
            write = Journal.WriteMessagesAsync(batch);
        }
        catch (Exception e)
        {
            write = Task.FromException<IReadOnlyList<Exception?>>(e);
        }
        write.ContinueWith(
            t => self.Tell(new WriteCompleted(this, batch, t.IsCompletedSuccessfully ? t.Result : null, t.IsCompletedSuccessfully ? null : Unwrap(t)), self),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnWriteCompleted(WriteCompleted written)
    {
        if (written.Owner != this) return;
        if (written.Failure is not null || written.Results is null || written.Results.Count != written.Batch.Length)
        {
            var cause = written.Failure ?? new InvalidOperationException(
                $"the journal returned {written.Results?.Count ?? 0} results for {written.Batch.Length} writes");
            var first = written.Batch[0].Events[0];
            _pendingHandlers.Clear();
            OnPersistFailure(cause, first.Payload, first.SequenceNr);
            Cell.StopSelf();
            return;
        }
        var commandSender = Cell.CurrentSender;
        Cell.SetCurrentSender(_persistingSender);
        try
        {
            for (var i = 0; i < written.Batch.Length; i++) RunHandlers(written.Batch[i], written.Results[i]);
        }
        finally
        {
            Cell.SetCurrentSender(commandSender);
        }
        _phase = Phase.ProcessingCommands;
        FlushEvents();
        if (_phase == Phase.ProcessingCommands) UnstashInternally();
    }

    private void RunHandlers(AtomicWrite write, Exception? rejection)
    {
        foreach (var repr in write.Events)
        {
            var pending = _pendingHandlers.Dequeue();
            if (rejection is not null)
            {
                OnPersistRejected(rejection, repr.Payload, repr.SequenceNr);
                continue;
            }
            LastSequenceNr = repr.SequenceNr;
            pending.Handler(pending.Event);
        }
    }

    private void UnstashInternally()
    {
        if (_internalStash.Count == 0) return;
        Cell.Prepend(_internalStash);
        _internalStash.Clear();
    }

    /// <summary>A reply from the stores to one incarnation; ignored by any other.</summary>
    private abstract class InternalMessage(PersistentActor owner)
    {
        public PersistentActor Owner { get; } = owner;
    }

    private abstract class RecoveryMessage(PersistentActor owner) : InternalMessage(owner);

    private sealed class SnapshotLoaded(PersistentActor owner, SelectedSnapshot snapshot) : RecoveryMessage(owner)
    {
        public SelectedSnapshot Snapshot { get; } = snapshot;
    }

    private sealed class EventReplayed(PersistentActor owner, PersistentRepr repr) : RecoveryMessage(owner)
    {
        public PersistentRepr Repr { get; } = repr;
    }

    private sealed class RecoveryDone(PersistentActor owner, long highestSequenceNr) : RecoveryMessage(owner)
    {
        public long HighestSequenceNr { get; } = highestSequenceNr;
    }

    private sealed class RecoveryFailed(PersistentActor owner, Exception cause) : RecoveryMessage(owner)
    {
        public Exception Cause { get; } = cause;
    }

    private sealed class WriteCompleted(PersistentActor owner, AtomicWrite[] batch, IReadOnlyList<Exception?>? results, Exception? failure)
        : InternalMessage(owner)
    {
        public AtomicWrite[] Batch { get; } = batch;
        public IReadOnlyList<Exception?>? Results { get; } = results;
        public Exception? Failure { get; } = failure;
    }
}
