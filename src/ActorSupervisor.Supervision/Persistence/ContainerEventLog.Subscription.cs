using System.Runtime.CompilerServices;

namespace ActorSupervisor.Supervision.Persistence;

public sealed partial class ContainerEventLog
{
    private const int SubscriptionBatch = 500;

    // Writes from other nodes or processes do not pulse this node's signal; a slow timer picks them up.
    private static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(1);

    // A missing offset may belong to a write still in flight (PostgreSQL assigns orderings before commit);
    // it is re-read this often, and given up (a rolled-back write or a deleted row) after GapTimeout.
    private static readonly TimeSpan GapRecheck = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Every event after <paramref name="afterOffset"/> (exclusive), then each new one as it is written, in offset
    /// order, never skipping and never repeating. Wakes on <see cref="NotifyWritten"/> (and once a second while
    /// subscribed, for writes by other nodes); does not query the database in between.
    /// </summary>
    public async IAsyncEnumerable<StoredEvent> SubscribeAsync(long afterOffset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterOffset);
        var last = afterOffset;
        var gap = new GapWatch();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var written = _written.Next;
            var rows = await _table.ReadAfterAsync(last, SubscriptionBatch, cancellationToken);
            var blocked = false;
            foreach (var row in rows)
            {
                if (row.Ordering != last + 1 && !gap.IsFinal(last, row))
                {
                    blocked = true;
                    break;
                }
                last = row.Ordering;
                if (!row.Deleted)
                    yield return ToStoredEvent(row);
            }
            if (rows.Count == SubscriptionBatch && !blocked) continue;
            await WaitAsync(written, blocked ? GapRecheck : SafetyInterval, cancellationToken);
        }
    }

    private static async Task WaitAsync(Task written, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, timer.Token);
        await Task.WhenAny(written, delay);
        await timer.CancelAsync();
    }

    private StoredEvent ToStoredEvent(JournalRow row)
    {
        var serializerId = row.SerializerId
            ?? throw new InvalidOperationException($"Journal row {row.Ordering} ({row.PersistenceId} #{row.SequenceNr}) has no serializer id.");
        var payload = _system.Serialization.Deserialize(row.Message, serializerId, row.Manifest);
        return new StoredEvent(row.Ordering, row.PersistenceId, row.SequenceNr, payload, StoredEvent.FromJournalTicks(row.CreatedTicks));
    }

    /// <summary>Remembers since when the reader has waited for the offset after <c>last</c>.</summary>
    private sealed class GapWatch
    {
        private long _after = -1;
        private long _since;

        public bool IsFinal(long last, JournalRow next)
        {
            // A row written long before now cannot have a write still in flight before it.
            if (DateTimeOffset.UtcNow - StoredEvent.FromJournalTicks(next.CreatedTicks) > GapTimeout) return true;
            var now = Environment.TickCount64;
            if (_after != last)
            {
                _after = last;
                _since = now;
            }
            return now - _since > GapTimeout.TotalMilliseconds;
        }
    }
}
