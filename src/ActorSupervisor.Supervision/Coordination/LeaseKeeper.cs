using System.Diagnostics;
using Akka.Coordination;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorSupervisor.Supervision.Coordination;

/// <summary>
/// Holds the leases of one owner (a cluster member) on one table and renews them all in one statement every
/// <see cref="PostgresLeaseSettings.HeartbeatInterval"/>. A lease is trusted until <see cref="PostgresLeaseSettings.TrustedFor"/>
/// after the send of its last successful renewal (measured on this node's monotonic clock: PostgreSQL extends it from
/// a later instant of its own, so the other nodes can take it only after this node stopped trusting it, by at least
/// the fence margin). A lease that the table no longer gives this owner, or that outlives its trust because the
/// heartbeats fail, is lost: its callback runs and <see cref="Lost"/> tells the host, which kills its workloads.
/// The earliest trusted-until instant of the held leases goes to <see cref="FenceDeadline"/> for the node's fence.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private static readonly TimeSpan TableCreationTimeout = TimeSpan.FromSeconds(15);
    private readonly PostgresLeaseTable _table;
    private readonly NpgsqlDataSource _source;
    private readonly PostgresLeaseSettings _settings;
    private readonly string _owner;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _tableReady;
    private Task? _loop;

    public LeaseKeeper(PostgresLeaseSettings settings, string owner, ILogger logger)
    {
        _settings = settings;
        _owner = owner;
        _logger = logger;
        _source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { ApplicationName = "asv-lease " + owner }.ConnectionString);
        _table = new PostgresLeaseTable(_source, settings.Table);
    }

    /// <summary>A lease was lost (its name and why); the host kills the workloads it covered.</summary>
    public event Action<string, Exception>? Lost;

    /// <summary>The wall-clock instant until which every held lease is trusted; called after each change.</summary>
    public event Action<DateTimeOffset>? FenceDeadline;

    /// <summary>The table, for tests and views.</summary>
    internal PostgresLeaseTable Table => _table;

    /// <summary>Takes <paramref name="name"/> if nobody else holds it; true when this owner holds it now.</summary>
    public async Task<bool> AcquireAsync(string name, Action<Exception>? lost)
    {
        await EnsureTableAsync().ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_settings.OperationTimeout);
        var sent = Stamp.Now();
        var version = await _table.TryAcquireAsync(name, _owner, _settings.HeartbeatTimeout, timeout.Token).ConfigureAwait(false);
        if (version is not { } v)
        {
            _logger.LogDebug("Lease {Lease}: held by another owner; {Owner} waits", name, _owner);
            return false;
        }
        lock (_gate)
        {
            _held[name] = new Held(v, lost, sent + _settings.TrustedFor);
            _loop ??= Task.Run(() => RenewAsync(_stopping.Token));
        }
        PublishDeadline();
        _logger.LogInformation("Lease {Lease}: acquired by {Owner} (version {Version})", name, _owner, v);
        return true;
    }

    /// <summary>Gives <paramref name="name"/> up; true when this owner held it.</summary>
    public async Task<bool> ReleaseAsync(string name)
    {
        Held? held;
        lock (_gate)
            _held.Remove(name, out held);
        if (held is null) return false;
        using var timeout = new CancellationTokenSource(_settings.OperationTimeout);
        var released = await _table.ReleaseAsync(name, _owner, held.Version, timeout.Token).ConfigureAwait(false);
        _logger.LogInformation("Lease {Lease}: released by {Owner}", name, _owner);
        return released;
    }

    /// <summary>Whether this owner holds <paramref name="name"/> and still trusts it.</summary>
    public bool Holds(string name)
    {
        lock (_gate)
            return _held.TryGetValue(name, out var held) && held.TrustedUntil.IsFuture();
    }

    /// <summary>Creates the table once per keeper; DDL (and the first connection) may take longer than a lease operation.</summary>
    private async Task EnsureTableAsync()
    {
        if (Volatile.Read(ref _tableReady)) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TableCreationTimeout);
        var cancellationToken = timeout.Token;
        await _created.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tableReady) return;
            await _table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _tableReady, true);
        }
        finally
        {
            _created.Release();
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_settings.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            List<(string Name, long Version)> snapshot;
            lock (_gate)
                snapshot = _held.Select(h => (h.Key, h.Value.Version)).ToList();
            var sent = Stamp.Now();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_settings.OperationTimeout);
                var kept = await _table.HeartbeatAsync(snapshot, _owner, _settings.HeartbeatTimeout, timeout.Token).ConfigureAwait(false);
                foreach (var (name, version) in snapshot)
                {
                    if (kept.Contains(name)) Renewed(name, version, sent);
                    else Lose(name, version, "the table no longer gives it to this owner (it expired or another node took it)");
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever failed (server down, timeout, pool exhausted), the leases stay trusted only until their margin runs out.
                _logger.LogWarning("Leases of {Owner}: heartbeat failed ({Error}); they are trusted until their margin runs out", _owner, e.Message);
            }
            foreach (var (name, version) in Untrusted())
                Lose(name, version, $"no heartbeat reached PostgreSQL for {_settings.TrustedFor} (heartbeat-timeout - fence-margin)");
            PublishDeadline();
        }
    }

    private void Renewed(string name, long version, Stamp sent)
    {
        lock (_gate)
        {
            if (_held.TryGetValue(name, out var held) && held.Version == version)
                _held[name] = held with { TrustedUntil = sent + _settings.TrustedFor };
        }
    }

    private List<(string Name, long Version)> Untrusted()
    {
        lock (_gate)
            return _held.Where(h => !h.Value.TrustedUntil.IsFuture()).Select(h => (h.Key, h.Value.Version)).ToList();
    }

    private void Lose(string name, long version, string why)
    {
        Held? held;
        lock (_gate)
        {
            if (!_held.TryGetValue(name, out held) || held.Version != version) return;
            _held.Remove(name);
        }
        var reason = new LeaseException($"lease {name} of {_owner} lost: {why}");
        _logger.LogError("Lease {Lease}: lost by {Owner}: {Reason}", name, _owner, why);
        Lost?.Invoke(name, reason);
        held.Lost?.Invoke(reason);
    }

    private void PublishDeadline()
    {
        Stamp? earliest;
        lock (_gate)
            earliest = _held.Count == 0 ? null : _held.Values.Min(h => h.TrustedUntil);
        // With no lease held the last deadline stands: nothing of this node should run past it.
        if (earliest is { } until) FenceDeadline?.Invoke(until.Wall);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        await _source.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _created.Dispose();
    }

    private sealed record Held(long Version, Action<Exception>? Lost, Stamp TrustedUntil);

    /// <summary>An instant on both clocks: monotonic for this process's decisions, wall for the fence (another process).</summary>
    private readonly record struct Stamp(long Ticks, DateTimeOffset Wall) : IComparable<Stamp>
    {
        public static Stamp Now() => new(Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);

        public static Stamp operator +(Stamp stamp, TimeSpan span) =>
            new(stamp.Ticks + (long)(span.TotalSeconds * Stopwatch.Frequency), stamp.Wall + span);

        public bool IsFuture() => Stopwatch.GetTimestamp() < Ticks;

        public int CompareTo(Stamp other) => Ticks.CompareTo(other.Ticks);
    }
}
