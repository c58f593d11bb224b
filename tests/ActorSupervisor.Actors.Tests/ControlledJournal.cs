using ActorSupervisor.Actors.Persistence;

namespace ActorSupervisor.Actors.Tests;

/// <summary>A fault double over <see cref="InMemoryJournal"/>: writes can be held, failed (store down) or rejected, and replay can fail.</summary>
internal sealed class ControlledJournal : IJournal
{
    private readonly InMemoryJournal _inner = new();
    private TaskCompletionSource? _gate;

    public Exception? FailWritesWith { get; set; }
    public Exception? RejectWritesWith { get; set; }
    public Exception? FailReplayWith { get; set; }
    public int Writes { get; private set; }

    /// <summary>Holds every write until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate?.TrySetResult();

    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        Writes++;
        if (_gate is { } gate) await gate.Task;
        if (FailWritesWith is { } failure) throw failure;
        if (RejectWritesWith is { } rejection) return writes.Select(_ => (Exception?)rejection).ToList();
        return await _inner.WriteMessagesAsync(writes, cancellationToken);
    }

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepr> onReplayed, CancellationToken cancellationToken = default) =>
        FailReplayWith is { } failure ? Task.FromException(failure)
            : _inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onReplayed, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
}
