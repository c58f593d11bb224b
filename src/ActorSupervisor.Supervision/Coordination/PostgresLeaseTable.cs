using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>
/// The lease table on PostgreSQL: one row per lease with its owner, its expiry (PostgreSQL's clock) and a fencing
/// version that grows with every acquisition. Every statement decides in one round trip on the server, so two
/// owners racing for a lease are ordered by the row lock: at most one gets it.
/// </summary>
internal sealed partial class PostgresLeaseTable(NpgsqlDataSource source, string table)
{
    /// <summary>The table's name, checked: a plain identifier, optionally schema-qualified.</summary>
    public string Table { get; } = CheckName(table);

    /// <summary>Creates the table when it does not exist (concurrent creators are fine: the loser's error is ignored).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand($"""
            CREATE TABLE IF NOT EXISTS {Table} (
              name text PRIMARY KEY,
              owner text NULL,
              version bigint NOT NULL,
              expires_at timestamptz NOT NULL,
              acquired_at timestamptz NOT NULL)
            """);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another node created it at the same moment (CREATE TABLE IF NOT EXISTS is not atomic in the catalog).
        }
    }

    /// <summary>
    /// Takes <paramref name="name"/> for <paramref name="owner"/> until <paramref name="ttl"/> from now, when nobody
    /// holds it, its holder let it expire, or <paramref name="owner"/> holds it already (a restarted node on the same
    /// address). Returns the lease's new fencing version, or null when another owner holds it.
    /// </summary>
    public async Task<long?> TryAcquireAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand($"""
            INSERT INTO {Table} AS l (name, owner, version, expires_at, acquired_at) VALUES ($1, $2, 1, now() + $3, now())
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, version = l.version + 1, expires_at = excluded.expires_at, acquired_at = now()
              WHERE l.owner IS NULL OR l.owner = excluded.owner OR l.expires_at < now()
            RETURNING l.version
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = ttl, NpgsqlDbType = NpgsqlDbType.Interval });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    /// <summary>
    /// Extends every lease of <paramref name="held"/> that <paramref name="owner"/> still holds at the same fencing
    /// version by <paramref name="ttl"/> from now; returns the names extended. A lease missing from the answer is lost:
    /// another owner took it (every acquisition changes the version), or it was released. An expired row nobody took is
    /// extended too: after a store outage longer than the timeout every row has expired, and whether its holder may still
    /// count on it is the holder's own rule (<see cref="StoreOutageForgiveness"/>), not the row's clock; a row lock
    /// orders this against a concurrent acquisition, which bumps the version.
    /// </summary>
    public async Task<HashSet<string>> HeartbeatAsync(IReadOnlyCollection<(string Name, long Version)> held, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        if (held.Count == 0) return kept;
        await using var command = source.CreateCommand($"""
            UPDATE {Table} AS l SET expires_at = now() + $3
            FROM unnest($1::text[], $2::bigint[]) AS h(name, version)
            WHERE l.name = h.name AND l.version = h.version AND l.owner = $4
            RETURNING l.name
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = held.Select(h => h.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = held.Select(h => h.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = ttl, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) kept.Add(reader.GetString(0));
        return kept;
    }

    /// <summary>Gives <paramref name="name"/> up if <paramref name="owner"/> holds it at <paramref name="version"/>; true when it did.</summary>
    public async Task<bool> ReleaseAsync(string name, string owner, long version, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand($"""
            UPDATE {Table} SET owner = NULL, expires_at = now() WHERE name = $1 AND owner = $2 AND version = $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Who holds <paramref name="name"/> now (an expired holder counts as nobody), and at which version; for views and tests.</summary>
    public async Task<(string? Owner, long Version)?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand($"""
            SELECT CASE WHEN expires_at >= now() THEN owner END, version FROM {Table} WHERE name = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
    }

    private static string CheckName(string table) =>
        TableName().IsMatch(table) ? table : throw new ArgumentException($"lease table '{table}' is not a table name: letters, digits and '_', optionally 'schema.table'", nameof(table));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?$")]
    private static partial Regex TableName();
}
