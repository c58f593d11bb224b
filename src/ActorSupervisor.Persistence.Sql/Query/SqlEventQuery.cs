using System.Runtime.CompilerServices;
using ActorSupervisor.Persistence.Sql.Dialects;
using ActorSupervisor.Persistence.Sql.Journal;
using ActorSupervisor.Persistence.Sql.Schema;
using ActorSupervisor.Persistence.Sql.Serialization;

namespace ActorSupervisor.Persistence.Sql.Query;

/// <summary>
/// Reads the journal for the node and the CLI: one persistent actor's events, the global log from an offset
/// (optionally by tag), and a live feed of it. Deleted events are left out.
/// </summary>
/// <remarks>
/// <para>Offsets are the journal's global ordering: increasing, with gaps (rejected writes burn numbers), never
/// filled later. Every writer commits under the journal's exclusive lock (PostgreSQL advisory lock, SQLite's
/// write lock), so numbers become visible in increasing order: after reading up to offset N, no event with an
/// offset ≤ N appears later. Reading "after N" therefore never skips an event, on one node or many.</para>
/// <para>The live feed waits without polling: on SQLite for a commit by this process (writers in other
/// processes are seen at the next local commit), on PostgreSQL for a NOTIFY from any node.</para>
/// </remarks>
public sealed class SqlEventQuery
{
    private readonly SqlDialect _dialect;
    private readonly JournalSerializer _serializer;

    internal SqlEventQuery(SqlDialect dialect, JournalSerializer serializer)
    {
        _dialect = dialect;
        _serializer = serializer;
    }

    private string Table => _dialect.Tables.Journal;

    /// <summary>The events of <paramref name="persistenceId"/> from <paramref name="fromSequenceNr"/> on, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> ReadEventsAsync(string persistenceId, long fromSequenceNr = 1, int max = 1000,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var rows = await _dialect.RunAsync((connection, ct) => SqlCommands.QueryAsync(connection,
            $"""
            SELECT {JournalSchema.EventColumns} FROM {Table}
            WHERE persistence_id = @pid AND sequence_nr >= @from AND NOT deleted
            ORDER BY sequence_nr LIMIT @max
            """,
            StoredEvent.Read, ct, ("pid", persistenceId), ("from", fromSequenceNr), ("max", max)), cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(r => r.ToEnvelope(_serializer));
    }

    /// <summary>
    /// At most <paramref name="max"/> events with an offset greater than <paramref name="fromOffset"/>, in
    /// offset order; only those tagged <paramref name="tag"/> when it is given. Start from 0 for the whole log.
    /// </summary>
    public async Task<IReadOnlyList<EventEnvelope>> ReadAllAsync(long fromOffset, string? tag = null, int max = 1000,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (tag is not null && TagCodec.Problem(tag) is { } problem) throw new ArgumentException(problem + ".", nameof(tag));
        var tagFilter = tag is null ? "" : $"AND {_dialect.Contains("tags", "@tag")}";
        var rows = await _dialect.RunAsync((connection, ct) => SqlCommands.QueryAsync(connection,
            $"""
            SELECT {JournalSchema.EventColumns} FROM {Table}
            WHERE ordering > @offset AND NOT deleted {tagFilter}
            ORDER BY ordering LIMIT @max
            """,
            StoredEvent.Read, ct, ("offset", fromOffset), ("max", max), ("tag", tag is null ? "" : TagCodec.Needle(tag))), cancellationToken)
            .ConfigureAwait(false);
        return rows.ConvertAll(r => r.ToEnvelope(_serializer));
    }

    /// <summary>The offset of the newest event, or 0: subscribe from it to see only what comes next.</summary>
    public Task<long> ReadHighestOffsetAsync(CancellationToken cancellationToken = default) =>
        _dialect.RunAsync(async (connection, ct) =>
        {
            await using var command = SqlCommands.Command(connection, null, $"SELECT COALESCE(MAX(ordering), 0) FROM {Table}");
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <summary>
    /// Every event after <paramref name="fromOffset"/> (tagged <paramref name="tag"/> when given), then each new
    /// one as it commits, until <paramref name="cancellationToken"/> is cancelled. Waits for commits, never polls.
    /// </summary>
    public async IAsyncEnumerable<EventEnvelope> SubscribeAsync(long fromOffset, string? tag = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int page = 500;
        _dialect.StartListening();
        var offset = fromOffset;
        while (true)
        {
            // Taken before the read: a commit after the read has begun completes it, so no commit is slept through.
            var change = _dialect.Changes.Next;
            var events = await ReadAllAsync(offset, tag, page, cancellationToken).ConfigureAwait(false);
            foreach (var envelope in events)
            {
                offset = envelope.Offset;
                yield return envelope;
            }
            if (events.Count < page) await change.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
