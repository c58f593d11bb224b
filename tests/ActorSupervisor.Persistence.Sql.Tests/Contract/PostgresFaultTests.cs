using ActorSupervisor.Persistence.Sql.Query;
using ActorSupervisor.Persistence.Sql.Tests.Support;
using Npgsql;
using static ActorSupervisor.Persistence.Sql.Tests.Support.Events;

namespace ActorSupervisor.Persistence.Sql.Tests.Contract;

/// <summary>
/// The real server drops the journal's connections (pg_terminate_backend, as in a restart or failover):
/// reads and writes that had not committed are retried, and the live feed reconnects without losing events.
/// </summary>
public sealed class PostgresFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly string _application = $"asv-fault-{Guid.NewGuid():N}"[..20];
    private readonly string _prefix = PostgresServer.FreshPrefix();
    private SqlPersistence _store = null!;

    private SqlPersistenceOptions Options(string application) =>
        SqlPersistenceOptions.ForPostgreSql($"{PostgresServer.ConnectionString};Application Name={application}")
            with { TablePrefix = _prefix, RetryBackoff = TimeSpan.FromMilliseconds(20) };

    public async Task InitializeAsync() => _store = await SqlPersistence.OpenAsync(Options(_application), TestRegistry.Create());

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>Terminates every server process serving the store under test; returns how many.</summary>
    private async Task<long> KillStoreConnectionsAsync()
    {
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @app", admin);
        kill.Parameters.AddWithValue("app", _application);
        return (long)(await kill.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Reads_and_writes_after_the_server_dropped_every_connection_are_retried()
    {
        AssertAllSucceeded(await _store.Journal.WriteMessagesAsync([Write("p", 1, 3)]));
        Assert.Equal(3, await _store.Journal.ReadHighestSequenceNrAsync("p", 0));

        Assert.True(await KillStoreConnectionsAsync() > 0);
        AssertAllSucceeded(await _store.Journal.WriteMessagesAsync([Write("p", 4, 5)]));
        Assert.True(await KillStoreConnectionsAsync() > 0);
        var replayed = await ReplayAllAsync(_store.Journal, "p");

        Assert.Equal([1L, 2, 3, 4, 5], replayed.Select(r => r.SequenceNr));
    }

    [Fact]
    public async Task The_live_feed_reconnects_and_misses_nothing_committed_while_it_was_down()
    {
        await using var writer = await SqlPersistence.OpenAsync(Options("asv-fault-writer"), TestRegistry.Create());
        using var cancel = new CancellationTokenSource(Deadline);
        var received = new List<EventEnvelope>();
        var first = new TaskCompletionSource();
        var feed = Task.Run(async () =>
        {
            await foreach (var envelope in _store.Query.SubscribeAsync(0, cancellationToken: cancel.Token))
            {
                received.Add(envelope);
                first.TrySetResult();
                if (received.Count == 3) return;
            }
        });
        AssertAllSucceeded(await writer.Journal.WriteMessagesAsync([Write("feed", 1, 1)]));
        await first.Task.WaitAsync(cancel.Token);

        Assert.True(await KillStoreConnectionsAsync() > 0);
        AssertAllSucceeded(await writer.Journal.WriteMessagesAsync([Write("feed", 2, 3)]));
        await feed.WaitAsync(cancel.Token);

        Assert.Equal([1L, 2, 3], received.Select(e => e.SequenceNr));
    }
}
