using System.Diagnostics;
using ActorSupervisor.Supervision.Coordination;
using ActorSupervisor.Tests.Shared;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Coordination;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ActorSupervisor.Supervision.Tests.Coordination;

/// <summary>The PostgreSQL lease against a real server: exclusivity, heartbeats, release, loss, fencing versions and Akka's wiring.</summary>
public sealed class PostgresLeaseTests : IDisposable
{
    private readonly LeaseDatabase _database = new();
    private readonly List<IAsyncDisposable> _keepers = [];

    // Short but CI-proof: a heartbeat every 250 ms, trusted for 2 s after its send, expired for the others after 3 s.
    private PostgresLeaseSettings Settings => new()
    {
        ConnectionString = _database.ConnectionString,
        HeartbeatTimeout = TimeSpan.FromSeconds(3),
        HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        OperationTimeout = TimeSpan.FromSeconds(1),
        FenceMargin = TimeSpan.FromSeconds(1),
    };

    private LeaseKeeper Keeper(string owner, PostgresLeaseSettings? settings = null, Func<ClusterView>? view = null)
    {
        var keeper = new LeaseKeeper((settings ?? Settings).Validate(), owner, NullLogger.Instance, view);
        _keepers.Add(keeper);
        return keeper;
    }

    [Fact]
    public async Task One_owner_at_a_time_and_the_version_grows_with_each_acquisition()
    {
        var a = Keeper("node-a:1");
        var b = Keeper("node-b:2");
        Assert.True(await a.AcquireAsync("shard-1", null));
        Assert.False(await b.AcquireAsync("shard-1", null));
        Assert.True(a.Holds("shard-1"));
        Assert.False(b.Holds("shard-1"));
        Assert.Equal(("node-a:1", 1L), await a.Table.ReadAsync("shard-1", default));

        Assert.True(await a.ReleaseAsync("shard-1"));
        Assert.False(a.Holds("shard-1"));
        Assert.True(await b.AcquireAsync("shard-1", null));
        Assert.Equal(("node-b:2", 2L), await b.Table.ReadAsync("shard-1", default));
        // Another lease is independent.
        Assert.True(await a.AcquireAsync("shard-2", null));
    }

    [Fact]
    public async Task Many_owners_racing_for_one_lease_get_it_once()
    {
        var keepers = Enumerable.Range(0, 8).Select(i => Keeper($"node-{i}:1")).ToList();
        Assert.True(await keepers[0].AcquireAsync("warm-up", null)); // the table exists before the race
        // A loaded machine may time an acquire out: that owner lost the race, as in the cluster (it retries later).
        var results = await Task.WhenAll(keepers.Select(async k =>
        {
            try
            {
                return await k.AcquireAsync("contended", null);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }));
        var winner = Assert.Single(keepers.Where((_, i) => results[i]));
        Assert.Single(keepers, k => k.Holds("contended"));
        Assert.True(winner.Holds("contended"));
    }

    [Fact]
    public async Task Heartbeats_keep_the_lease_past_its_timeout_and_the_same_owner_may_acquire_again()
    {
        var a = Keeper("node-a:1");
        var b = Keeper("node-b:2");
        var restarted = false;
        Assert.True(await a.AcquireAsync("shard-1", _ => Assert.True(restarted, "the lease must not be lost")));
        await Task.Delay(Settings.HeartbeatTimeout * 2);
        Assert.True(a.Holds("shard-1"));
        Assert.False(await b.AcquireAsync("shard-1", null));
        // A node restarted on the same address (a new keeper, same owner) gets its lease back at once. (The old keeper,
        // disposed only after the test, may see its lease taken meanwhile, as the old process would have.)
        restarted = true;
        Assert.True(await Keeper("node-a:1").AcquireAsync("shard-1", null));
    }

    [Fact]
    public async Task A_lease_taken_over_after_it_expired_is_reported_lost_to_its_old_holder()
    {
        var a = Keeper("node-a:1");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.AcquireAsync("shard-1", e => lost.TrySetResult(e)));
        // What another node sees after a long freeze of this one: the row expired, and it takes the lease. node-a's own
        // heartbeat may renew the expired row first (nobody had taken it, so that is right): expire it again and retry.
        var b = Keeper("node-b:2");
        await Eventually.TrueAsync(async () =>
        {
            await _database.ExecuteAsync("UPDATE asv_leases SET expires_at = now() - interval '1 second'");
            return await b.AcquireAsync("shard-1", null);
        }, "node-b takes the expired lease", TimeSpan.FromSeconds(10));
        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<LeaseException>(reason);
        Assert.Contains("another node took it", reason.Message);
        Assert.False(a.Holds("shard-1"));
    }

    [Fact]
    public async Task When_heartbeats_cannot_reach_the_table_the_holder_gives_up_before_anybody_else_can_acquire()
    {
        var a = Keeper("node-a:1");
        var lostAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadlines = new List<DateTimeOffset>();
        a.FenceDeadline += d => { lock (deadlines) deadlines.Add(d); };
        Assert.True(await a.AcquireAsync("shard-1", _ => lostAt.TrySetResult(Stopwatch.GetTimestamp())));
        // Block every heartbeat: a transaction holds the table locked (as a cut-off network would keep them from arriving).
        await using var blocker = new NpgsqlConnection(_database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE asv_leases IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            await lockTable.ExecuteNonQueryAsync();
        var blockedAt = Stopwatch.GetTimestamp();
        var lostTicks = await lostAt.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(a.Holds("shard-1"));
        // Lost within its trust (plus a heartbeat interval and an operation timeout), not at some random later time.
        var lostAfter = Stopwatch.GetElapsedTime(blockedAt, lostTicks);
        Assert.True(lostAfter < Settings.TrustedFor + Settings.HeartbeatInterval + Settings.OperationTimeout + TimeSpan.FromSeconds(2), $"lost {lostAfter} after the table was locked");
        DateTimeOffset lastDeadline;
        lock (deadlines) lastDeadline = deadlines[^1];
        await transaction.RollbackAsync();
        // Another node gets the lease once it expired in the table, and that is after the old holder's fence deadline.
        var b = Keeper("node-b:2");
        await Eventually.TrueAsync(() => b.AcquireAsync("shard-1", null), "node-b acquires the expired lease", TimeSpan.FromSeconds(10));
        Assert.True(DateTimeOffset.UtcNow >= lastDeadline + Settings.FenceMargin - TimeSpan.FromMilliseconds(50),
            $"acquired at {DateTimeOffset.UtcNow:O}, the old holder trusted it until {lastDeadline:O}");
    }

    [Fact]
    public async Task Through_a_store_outage_a_healthy_view_keeps_the_lease_and_an_unhealthy_one_ends_it_at_once()
    {
        var view = new ClusterViewHolder { View = new ClusterView(MemberStatus.Up, 0, 3, 3) };
        // A trust of 4 s (not 2): a heartbeat loop starved for a second on a loaded machine must not end the lease here.
        var settings = Settings with { HeartbeatTimeout = TimeSpan.FromSeconds(5) };
        var a = Keeper("node-a:1", settings, view: () => view.View);
        var lostAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadlines = new List<DateTimeOffset>();
        a.FenceDeadline += d => { lock (deadlines) deadlines.Add(d); };
        Assert.True(await a.AcquireAsync("shard-1", _ => lostAt.TrySetResult(Stopwatch.GetTimestamp())));
        Assert.True(await a.AcquireAsync("shard-2", null));
        await using var blocker = await BlockHeartbeatsAsync();

        // Past the trust and past the row's own expiry: kept, and the fence deadline keeps moving.
        await Task.Delay(settings.HeartbeatTimeout + TimeSpan.FromSeconds(1));
        Assert.True(a.Holds("shard-1"));
        Assert.False(lostAt.Task.IsCompleted);
        DateTimeOffset lastDeadline;
        lock (deadlines) lastDeadline = deadlines[^1];
        Assert.True(lastDeadline > DateTimeOffset.UtcNow, $"the fence deadline {lastDeadline:O} stopped moving");

        // The view turns: a member unreachable. The normal trust counts from the last renewal, long past: lost now.
        var turned = Stopwatch.GetTimestamp();
        view.View = new ClusterView(MemberStatus.Up, 1, 2, 3);
        a.Reassess();
        var lostAfter = Stopwatch.GetElapsedTime(turned, await lostAt.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(lostAfter < TimeSpan.FromSeconds(1), $"lost {lostAfter} after the view turned");
        Assert.False(a.Holds("shard-1"));
        Assert.False(a.Holds("shard-2"));
    }

    [Fact]
    public async Task A_lease_kept_through_a_store_outage_is_renewed_when_the_store_returns_although_its_row_expired()
    {
        var a = Keeper("node-a:1", view: () => new ClusterView(MemberStatus.Up, 0, 3, 3));
        Assert.True(await a.AcquireAsync("shard-1", _ => Assert.Fail("the lease must not be lost")));
        await using (await BlockHeartbeatsAsync())
            await Task.Delay(Settings.HeartbeatTimeout + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => (await a.Table.ReadAsync("shard-1", default))?.Owner == "node-a:1",
            "the row is renewed (unexpired, same owner) after the outage", TimeSpan.FromSeconds(10));
        Assert.True(a.Holds("shard-1"));
        Assert.Equal(("node-a:1", 1L), await a.Table.ReadAsync("shard-1", default));
        // Nobody else got it meanwhile, and nobody can now.
        Assert.False(await Keeper("node-b:2").AcquireAsync("shard-1", null));
    }

    [Fact]
    public async Task Without_forgiveness_a_store_outage_ends_the_lease_within_its_trust()
    {
        var a = Keeper("node-a:1");
        Assert.False(a.ForgivesOutages);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.AcquireAsync("shard-1", _ => lost.TrySetResult()));
        await using var blocker = await BlockHeartbeatsAsync();
        await lost.Task.WaitAsync(Settings.TrustedFor + TimeSpan.FromSeconds(5));
        Assert.False(a.Holds("shard-1"));
    }

    [Fact]
    public async Task A_lease_whose_shard_is_handed_off_counts_as_held_until_released_even_when_its_heartbeats_stall()
    {
        var a = Keeper("node-a:1");
        Assert.True(await a.AcquireAsync("shard-1", _ => Assert.Fail("a lease in hand-off must not be lost to a stalled heartbeat")));
        a.HandingOff("shard-1");
        await using (await BlockHeartbeatsAsync())
            await Task.Delay(Settings.TrustedFor + TimeSpan.FromSeconds(1));
        Assert.True(a.Holds("shard-1"));
        // Released as Akka's shard releases it once its entities stopped: no "failed to release".
        Assert.True(await a.ReleaseAsync("shard-1"));
        Assert.False(a.Holds("shard-1"));
        Assert.True(await Keeper("node-b:2").AcquireAsync("shard-1", null));
    }

    [Fact]
    public async Task A_release_without_a_hand_off_says_so_while_the_lease_is_still_held_and_a_hand_off_does_not()
    {
        var a = Keeper("node-a:1");
        var b = Keeper("node-b:2");
        var releasing = new List<(string Lease, bool HeldThen, bool OtherCouldTake)>();
        a.Releasing += lease => releasing.Add((lease, a.Holds(lease), b.AcquireAsync(lease, null).GetAwaiter().GetResult()));
        Assert.True(await a.AcquireAsync("shard-1", null));
        Assert.True(await a.AcquireAsync("shard-2", null));

        // A shard stopped without a hand-off (its node downed): its workloads are killed before anybody may take it.
        Assert.True(await a.ReleaseAsync("shard-1"));
        Assert.Equal([("shard-1", true, false)], releasing);

        // A handed-off shard settled its workloads itself: no kill.
        a.HandingOff("shard-2");
        Assert.True(await a.ReleaseAsync("shard-2"));
        Assert.Single(releasing);
        Assert.True(await b.AcquireAsync("shard-1", null));
    }

    [Fact]
    public async Task A_release_slower_than_an_operation_still_frees_the_row_and_the_keeper_ends_only_after_it()
    {
        var a = new LeaseKeeper(Settings.Validate(), "node-a:1", NullLogger.Instance);
        Assert.True(await a.AcquireAsync("shard-1", null));
        Task<bool> release;
        Task disposing;
        await using (await BlockHeartbeatsAsync())
        {
            // As on a loaded machine's hand-off: the release waits past the operation timeout (1 s) and the system ends meanwhile.
            release = a.ReleaseAsync("shard-1");
            disposing = a.DisposeAsync().AsTask();
            await Task.Delay(Settings.OperationTimeout + TimeSpan.FromMilliseconds(500));
            Assert.False(release.IsCompleted);
            Assert.False(disposing.IsCompleted, "the keeper ended with a release in flight");
        }
        Assert.True(await release);
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await Keeper("node-b:2").AcquireAsync("shard-1", null)); // freed, not left to expire
    }

    /// <summary>Blocks every heartbeat until disposed: a transaction holds the table locked (as a store that does not answer).</summary>
    private async Task<IAsyncDisposable> BlockHeartbeatsAsync()
    {
        var blocker = new NpgsqlConnection(_database.ConnectionString);
        await blocker.OpenAsync();
        var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE asv_leases IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            await lockTable.ExecuteNonQueryAsync();
        return new Unblock(blocker, transaction);
    }

    private sealed class Unblock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Akka_creates_the_lease_from_its_configuration_block()
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.coordination.lease.postgres {
              lease-class = "{{typeof(PostgresLease).AssemblyQualifiedName}}"
              connection-string = "{{_database.ConnectionString}}"
              heartbeat-timeout = 2s
              heartbeat-interval = 200ms
              lease-operation-timeout = 500ms
              fence-margin = 800ms
            }
            """);
        using var system = ActorSystem.Create("lease-test", config);
        var lease = LeaseProvider.Get(system).GetLease("asv-shard-container-7", PostgresLeaseSettings.ConfigPath, "127.0.0.1:2551");
        var other = LeaseProvider.Get(system).GetLease("asv-shard-container-7", PostgresLeaseSettings.ConfigPath, "127.0.0.1:2552");
        Assert.IsType<PostgresLease>(lease);
        Assert.True(await lease.Acquire());
        Assert.True(lease.CheckLease());
        Assert.False(await other.Acquire());
        Assert.True(await lease.Release());
        Assert.True(await other.Acquire());
        await system.Terminate();
    }

    [Theory]
    [InlineData("5s", "1s", "1s", "3.5s", "heartbeat-interval (00:00:01) + lease-operation-timeout (00:00:01) must be less than heartbeat-timeout (00:00:05) - fence-margin (00:00:03.5000000)")]
    [InlineData("5s", "1s", "1s", "0s", "must be positive")]
    public void Settings_that_would_fence_a_healthy_node_are_refused_naming_the_keys(string timeout, string interval, string operation, string margin, string expected)
    {
        var config = ConfigurationFactory.ParseString($"""
            connection-string = "Host=x"
            heartbeat-timeout = {timeout}
            heartbeat-interval = {interval}
            lease-operation-timeout = {operation}
            fence-margin = {margin}
            """);
        var error = Assert.Throws<ArgumentException>(() => PostgresLeaseSettings.From(config));
        Assert.Contains(expected, error.Message);
        Assert.Contains(PostgresLeaseSettings.ConfigPath, error.Message);
    }

    public void Dispose()
    {
        foreach (var keeper in _keepers) keeper.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _database.Dispose();
    }
}
