using Npgsql;

namespace ActorSupervisor.Persistence.Sql.Dialects;

/// <summary>
/// One dedicated connection that LISTENs on the journal's channel and pulses the change signal on every
/// NOTIFY. When the connection drops it pulses too (readers re-query, so nothing committed meanwhile is
/// missed) and reconnects with backoff.
/// </summary>
internal sealed class PostgresChangeListener(NpgsqlDataSource dataSource, string channel, ChangeSignal signal, SqlDialect dialect)
    : IAsyncDisposable
{
    // A silent peer (cable pulled) never errors a pending wait; a cheap ping at this interval finds it.
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _loop;

    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            _loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        for (var failures = 0; !_stop.IsCancellationRequested;)
        {
            try
            {
                await ListenAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                failures++;
                signal.Pulse();
                try
                {
                    await Task.Delay(dialect.Backoff(Math.Min(failures, 6)), dialect.Time, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        connection.Notification += (_, _) => signal.Pulse();
        await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        // Whatever committed while no connection listened is found by the readers' next query.
        signal.Pulse();
        while (true)
        {
            if (await connection.WaitAsync(PingInterval, cancellationToken).ConfigureAwait(false)) continue;
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            loop = _loop;
        }
        if (loop is not null) await loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
