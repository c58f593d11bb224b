using System.Threading.Channels;
using ActorSupervisor.Persistence.Sql.Dialects;

namespace ActorSupervisor.Persistence.Sql.Journal;

/// <summary>
/// The journal's single writer: takes the write calls of many actors from a bounded queue and commits as many
/// as fit in <see cref="SqlPersistenceOptions.BatchSize"/> events in one transaction, so durability costs one
/// fsync per batch. Calls are committed in queue order, so one actor's events keep their order. A write whose
/// sequence numbers are taken is removed from the transaction and rejected alone; a failed transaction fails
/// every call in it.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly Channel<PendingCall> _queue;
    private readonly Task _loop;

    public GroupCommitWriter(SqlDialect dialect)
    {
        _dialect = dialect;
        _queue = Channel.CreateBounded<PendingCall>(new BoundedChannelOptions(dialect.Options.QueueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="call"/> (waiting for room) and returns its results once committed.</summary>
    public async Task<IReadOnlyList<Exception?>> WriteAsync(PendingCall call, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqlJournal), "The journal is disposed; the write was not queued.");
        }
        // Once queued, the write goes to the database even if the caller stops waiting: the outcome is the store's.
        return await call.Completion.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingCall>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var events = 0;
            while (events < _dialect.Options.BatchSize && reader.TryRead(out var call))
            {
                batch.Add(call);
                events += call.EventCount;
            }
            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<PendingCall> batch)
    {
        var entries = ClaimSequenceNumbers(batch);
        if (entries.Count == 0)
        {
            batch.ForEach(c => c.Succeed());
            return;
        }
        var events = entries.SelectMany(e => e.Write.Events).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var commitSent = false;
            try
            {
                await using var connection = await _dialect.OpenAsync(CancellationToken.None).ConfigureAwait(false);
                await using var transaction = await _dialect.BeginWriteAsync(connection, CancellationToken.None).ConfigureAwait(false);
                var orderings = await _dialect.InsertEventsAsync(connection, transaction, events, CancellationToken.None).ConfigureAwait(false);
                var (rejections, orphans) = FindConflicts(entries, orderings);
                if (orphans.Count > 0) await DeleteRowsAsync(connection, transaction, orphans).ConfigureAwait(false);
                commitSent = true;
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                _dialect.OnCommitted();
                foreach (var (entry, rejection) in entries.Zip(rejections)) entry.Call.Results[entry.Index] = rejection;
                batch.ForEach(c => c.Succeed());
                return;
            }
            catch (Exception ex) when (!commitSent && attempt < _dialect.Options.MaxAttempts && _dialect.IsTransient(ex))
            {
                _dialect.OnTransientFault();
                await Task.Delay(_dialect.Backoff(attempt), _dialect.Time).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var failure = commitSent
                    ? new JournalWriteException(
                        $"The {_dialect.Name} journal lost the connection while committing {events.Count} events: they may or may not be durable.",
                        outcomeUnknown: true, ex)
                    : new JournalWriteException(
                        $"The {_dialect.Name} journal could not write {events.Count} events after {attempt} attempt(s): {ex.Message}",
                        outcomeUnknown: false, ex);
                batch.ForEach(c => c.Fail(failure));
                return;
            }
        }
    }

    /// <summary>
    /// The writes to send, in order; a write reusing a (persistence id, sequence number) an earlier write of the
    /// same batch claims is rejected here, so each key in the insert belongs to exactly one write.
    /// </summary>
    private static List<BatchEntry> ClaimSequenceNumbers(List<PendingCall> batch)
    {
        var claimed = new HashSet<(string, long)>();
        var entries = new List<BatchEntry>();
        foreach (var call in batch)
        {
            for (var i = 0; i < call.Writes.Count; i++)
            {
                if (call.Writes[i] is not { } write) continue;
                var taken = write.Events.FirstOrDefault(e => claimed.Contains((e.PersistenceId, e.SequenceNr)));
                if (taken is not null)
                {
                    call.Results[i] = new JournalConcurrencyException(write.PersistenceId, taken.SequenceNr, write.WriterId);
                    continue;
                }
                foreach (var e in write.Events) claimed.Add((e.PersistenceId, e.SequenceNr));
                entries.Add(new BatchEntry(call, i, write));
            }
        }
        return entries;
    }

    /// <summary>Per entry, the concurrency rejection (or null); and the rows rejected writes did insert, to remove.</summary>
    private static (List<Exception?> Rejections, List<long> Orphans) FindConflicts(List<BatchEntry> entries, long?[] orderings)
    {
        var rejections = new List<Exception?>(entries.Count);
        var orphans = new List<long>();
        var position = 0;
        foreach (var entry in entries)
        {
            var mine = orderings.AsSpan(position, entry.Write.Events.Count);
            position += mine.Length;
            var firstTaken = mine.IndexOf((long?)null);
            if (firstTaken < 0)
            {
                rejections.Add(null);
                continue;
            }
            rejections.Add(new JournalConcurrencyException(entry.Write.PersistenceId, entry.Write.Events[firstTaken].SequenceNr, entry.Write.WriterId));
            foreach (var ordering in mine) if (ordering is { } o) orphans.Add(o);
        }
        return (rejections, orphans);
    }

    private async Task DeleteRowsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, List<long> orderings)
    {
        var parameters = orderings.Select((o, i) => ($"@o{i}", (object)o)).ToArray();
        await using var command = SqlCommands.Command(connection, transaction,
            $"DELETE FROM {_dialect.Tables.Journal} WHERE ordering IN ({string.Join(", ", parameters.Select(p => p.Item1))})", parameters);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private sealed record BatchEntry(PendingCall Call, int Index, PreparedWrite Write);
}
