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
/// A renewal the store does not answer is judged by <see cref="StoreOutageForgiveness"/>: while the node's cluster view is
/// healthy the leases stay trusted (and the fence deadline moves on) through a store outage; the moment it is not
/// (<see cref="Reassess"/>, called on every cluster event) the trust counts from the last successful renewal again.
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
    private readonly HashSet<string> _handingOff = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _created = new(1, 1);
    private readonly Func<ClusterView> _view;
    private readonly HashSet<Task> _releases = [];
    private bool _tableReady;
    private bool _storeFailing;
    private Task? _loop;

    /// <param name="settings">The lease's settings.</param>
    /// <param name="owner">Who holds the leases (the member's address).</param>
    /// <param name="logger">Where acquisitions, losses and outages are logged.</param>
    /// <param name="view">This member's cluster view, when store outages are forgiven (<see cref="StoreOutageForgiveness.AppliesWith"/>); null: never.</param>
    public LeaseKeeper(PostgresLeaseSettings settings, string owner, ILogger logger, Func<ClusterView>? view = null)
    {
        _settings = settings;
        _owner = owner;
        _logger = logger;
        _view = view ?? (() => ClusterView.None);
        ForgivesOutages = view is not null;
        _source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { ApplicationName = "asv-lease " + owner }.ConnectionString);
        _table = new PostgresLeaseTable(_source, settings.Table);
    }

    /// <summary>A lease was lost (its name and why); the host kills the workloads it covered.</summary>
    public event Action<string, Exception>? Lost;

    /// <summary>
    /// A held lease is about to be released without a hand-off (its name). A hand-off settled its workloads already
    /// (stopped them, or kept them for the restart of a cluster's last node); a shard stopped any other way (its node
    /// downed, or shut down cut off from the cluster) did not, and its workloads must die before the release.
    /// </summary>
    public event Action<string>? Releasing;

    /// <summary>The store stopped answering (why) or answers again (null); raised on each change.</summary>
    public event Action<string?>? StoreChanged;

    /// <summary>The wall-clock instant until which every held lease is trusted; called after each change.</summary>
    public event Action<DateTimeOffset>? FenceDeadline;

    /// <summary>Whether this keeper keeps its leases through a store outage while the cluster view is healthy.</summary>
    public bool ForgivesOutages { get; }

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
            _held[name] = new Held(v, lost, sent, sent + _settings.TrustedFor);
            _loop ??= Task.Run(() => RenewAsync(_stopping.Token));
        }
        PublishDeadline();
        _logger.LogInformation("Lease {Lease}: acquired by {Owner} (version {Version})", name, _owner, v);
        return true;
    }

    /// <summary>
    /// Gives <paramref name="name"/> up; true when this owner held it. Without a hand-off <see cref="Releasing"/> runs
    /// first: the row is freed only after whatever of the lease's workloads still runs here is killed, so another node
    /// that takes it runs no copy.
    /// </summary>
    public async Task<bool> ReleaseAsync(string name)
    {
        Held? held;
        bool handedOff;
        lock (_gate)
        {
            _held.TryGetValue(name, out held);
            handedOff = _handingOff.Contains(name);
        }
        if (held is null) return false;
        // Still held (and still moving the fence's deadline) while the kill runs: nothing of it may run once released.
        if (!handedOff) Releasing?.Invoke(name);
        lock (_gate)
        {
            _held.Remove(name);
            _handingOff.Remove(name);
        }
        var release = FreeRowAsync(name, held.Version);
        lock (_gate) _releases.Add(release);
        try
        {
            var released = await release.ConfigureAwait(false);
            if (released)
                _logger.LogInformation("Lease {Lease}: released by {Owner}", name, _owner);
            else
                _logger.LogWarning("Lease {Lease}: {Owner} no longer held it at version {Version} when it released it (the row changed since: it expired and another owner took it, or it was acquired again)",
                    name, _owner, held.Version);
            return released;
        }
        finally
        {
            lock (_gate) _releases.Remove(release);
        }
    }

    /// <summary>
    /// Frees the row, given until the row would expire by itself: a release is no heartbeat (nothing is trusted on it),
    /// and a hand-off releases all of a node's shards at once, each on a new connection, which a loaded machine may take
    /// longer than an operation's timeout to open; a release that fails leaves the next owner waiting for the expiry.
    /// </summary>
    private async Task<bool> FreeRowAsync(string name, long version)
    {
        using var timeout = new CancellationTokenSource(_settings.HeartbeatTimeout);
        return await _table.ReleaseAsync(name, _owner, version, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Whether this owner holds <paramref name="name"/> and still trusts it, or hands its shard off (until released).</summary>
    public bool Holds(string name)
    {
        lock (_gate)
            return _held.TryGetValue(name, out var held) && (held.TrustedUntil.IsFuture() || _handingOff.Contains(name));
    }

    /// <summary>
    /// The shard of <paramref name="name"/> is being handed off: as Akka's shard keeps its lease until its entities stopped,
    /// the lease counts as held until <see cref="ReleaseAsync"/>, so that the stops the entities wait for are recorded. A
    /// lapse of its trust meanwhile (a starved heartbeat) does not end it; a store that gives it to another owner does,
    /// and a lapsed one no longer moves the fence deadline (the fence still guards a node frozen mid-hand-off).
    /// </summary>
    public void HandingOff(string name)
    {
        lock (_gate)
            if (_held.ContainsKey(name)) _handingOff.Add(name);
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
            HashSet<string>? kept = null;
            string? error = null;
            try
            {
                kept = await HeartbeatAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever failed (server down, timeout, pool exhausted), the store did not answer: the rule decides how long the leases stay trusted.
                _logger.LogWarning("Leases of {Owner}: heartbeat failed ({Error})", _owner, e.Message);
                error = e.Message;
            }
            var view = _view();
            foreach (var (name, version) in snapshot)
            {
                var outcome = kept is null ? RenewalOutcome.StoreUnreachable : kept.Contains(name) ? RenewalOutcome.Renewed : RenewalOutcome.Refused;
                Apply(name, version, outcome, sent, view);
            }
            NoteStore(error, view);
            foreach (var (name, version) in Untrusted())
                Lose(name, version, $"no heartbeat reached PostgreSQL for {_settings.TrustedFor} (heartbeat-timeout - fence-margin)");
            PublishDeadline();
        }
    }

    /// <summary>
    /// Renews <paramref name="held"/>, judged at the operation timeout whether or not the driver has returned by then: a
    /// cancelled command may still wait on the server's answer to the cancel request (or on a dead link), and a renewal that
    /// outlasts the trust ends the leases even while an outage is forgiven. The command keeps its token until it ends.
    /// </summary>
    private async Task<HashSet<string>> HeartbeatAsync(List<(string Name, long Version)> held, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.OperationTimeout);
        var heartbeat = _table.HeartbeatAsync(held, _owner, _settings.HeartbeatTimeout, timeout.Token);
        _ = heartbeat.ContinueWith(static (done, cts) =>
        {
            _ = done.Exception;
            ((CancellationTokenSource)cts!).Dispose();
        }, timeout, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await heartbeat.WaitAsync(_settings.OperationTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The cluster view changed: during a store outage, a view that no longer forgives it ends the forgiveness at once
    /// (the trust counts from the last successful renewal again, so after a long outage the leases are lost now).
    /// </summary>
    public void Reassess()
    {
        if (!ForgivesOutages || !Volatile.Read(ref _storeFailing)) return;
        var view = _view();
        if (StoreOutageForgiveness.Forgives(view)) return;
        List<(string Name, long Version)> snapshot;
        lock (_gate)
            snapshot = _held.Select(h => (h.Key, h.Value.Version)).ToList();
        foreach (var (name, version) in snapshot)
            Apply(name, version, RenewalOutcome.StoreUnreachable, Stamp.Now(), view);
        foreach (var (name, version) in Untrusted())
            Lose(name, version, $"PostgreSQL does not answer and the cluster view no longer forgives it ({view}); no renewal for over {_settings.TrustedFor}");
        PublishDeadline();
    }

    /// <summary>Carries out the rule's verdict on one lease (still held at <paramref name="version"/>).</summary>
    private void Apply(string name, long version, RenewalOutcome outcome, Stamp sent, ClusterView view)
    {
        LeaseTrust trust;
        lock (_gate)
        {
            if (!_held.TryGetValue(name, out var held) || held.Version != version) return;
            trust = StoreOutageForgiveness.Judge(outcome, held.TrustedUntil.CompareTo(sent) > 0, ForgivesOutages, view);
            // A shard in hand-off keeps its lease until it releases it, unless the store gave it to another owner.
            if (trust == LeaseTrust.Lost && outcome != RenewalOutcome.Refused && _handingOff.Contains(name)) return;
            switch (trust)
            {
                case LeaseTrust.Renewed:
                    _held[name] = held with { LastRenewed = sent, TrustedUntil = sent + _settings.TrustedFor };
                    return;
                case LeaseTrust.Forgiven:
                    _held[name] = held with { TrustedUntil = sent + _settings.TrustedFor };
                    return;
                case LeaseTrust.LastRenewal:
                    _held[name] = held with { TrustedUntil = held.LastRenewed + _settings.TrustedFor };
                    return;
            }
        }
        Lose(name, version, outcome == RenewalOutcome.Refused
            ? "the table no longer gives it to this owner (another node took it, or it was released)"
            : $"this node stopped trusting it before the renewal was sent (frozen or starved for over {_settings.TrustedFor})");
    }

    /// <summary>Logs the start and end of a store outage once each, and whether the leases are kept through it.</summary>
    private void NoteStore(string? error, ClusterView view)
    {
        var failing = error is not null;
        var was = Volatile.Read(ref _storeFailing);
        Volatile.Write(ref _storeFailing, failing);
        if (failing == was) return;
        StoreChanged?.Invoke(error is null ? null : $"PostgreSQL does not answer ({error})");
        if (!failing) _logger.LogWarning("Leases of {Owner}: PostgreSQL answers again", _owner);
        else if (ForgivesOutages && StoreOutageForgiveness.Forgives(view))
            _logger.LogWarning("Leases of {Owner}: PostgreSQL does not answer; the leases are kept while the cluster view is healthy ({View})", _owner, view);
        else
            _logger.LogWarning("Leases of {Owner}: PostgreSQL does not answer; the leases are trusted for {Trust} after their last renewal ({Reason})",
                _owner, _settings.TrustedFor, ForgivesOutages ? $"cluster view {view}" : "store outages are not forgiven here");
    }

    private List<(string Name, long Version)> Untrusted()
    {
        lock (_gate)
            return _held.Where(h => !h.Value.TrustedUntil.IsFuture() && !_handingOff.Contains(h.Key)).Select(h => (h.Key, h.Value.Version)).ToList();
    }

    private void Lose(string name, long version, string why)
    {
        Held? held;
        lock (_gate)
        {
            if (!_held.TryGetValue(name, out held) || held.Version != version) return;
            _held.Remove(name);
            _handingOff.Remove(name);
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
            earliest = _held.Where(h => h.Value.TrustedUntil.IsFuture() || !_handingOff.Contains(h.Key)).Select(h => (Stamp?)h.Value.TrustedUntil).Min();
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
        // The shards of an orderly stop release their leases as the actor system ends: their rows are freed before the pool goes.
        Task[] releases;
        lock (_gate) releases = [.. _releases];
        await Task.WhenAll(releases).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _source.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _created.Dispose();
    }

    private sealed record Held(long Version, Action<Exception>? Lost, Stamp LastRenewed, Stamp TrustedUntil);

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
