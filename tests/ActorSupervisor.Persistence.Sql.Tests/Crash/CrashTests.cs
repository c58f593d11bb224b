using System.Collections.Concurrent;
using System.Diagnostics;
using ActorSupervisor.Persistence.Sql.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ActorSupervisor.Persistence.Sql.Tests.Crash;

/// <summary>
/// A writer process is killed with SIGKILL mid-stream; after reopening, every acknowledged event is there and
/// no persistence id has a gap in its sequence numbers.
/// </summary>
public sealed class CrashTests
{
    private const int AcksBeforeKill = 1500;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // NORMAL skips the per-commit fsync; a process kill must still lose nothing, because the WAL is in the page cache.
    [Theory]
    [InlineData(SqliteSynchronous.Full)]
    [InlineData(SqliteSynchronous.Normal)]
    public async Task Sqlite_keeps_every_acknowledged_event_after_sigkill(SqliteSynchronous synchronous)
    {
        var directory = Directory.CreateTempSubdirectory("asv-crash-").FullName;
        try
        {
            await KillWriterAndVerifyAsync(
                SqlPersistenceOptions.ForSqliteFile(Path.Combine(directory, "journal.db")) with { SqliteSynchronous = synchronous });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public Task Postgres_keeps_every_acknowledged_event_after_sigkill() =>
        KillWriterAndVerifyAsync(SqlPersistenceOptions.ForPostgreSql(PostgresServer.ConnectionString) with { TablePrefix = PostgresServer.FreshPrefix() });

    private static async Task KillWriterAndVerifyAsync(SqlPersistenceOptions options)
    {
        var acked = new ConcurrentDictionary<string, long>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ackCount = 0;
        var errors = new ConcurrentQueue<string>();
        using var writer = StartWriter(options);
        writer.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Split(' ') is not ["ACK", var pid, var seq]) return;
            acked.AddOrUpdate(pid, long.Parse(seq), (_, old) => Math.Max(old, long.Parse(seq)));
            if (Interlocked.Increment(ref ackCount) >= AcksBeforeKill) enough.TrySetResult();
        };
        writer.ErrorDataReceived += (_, line) => { if (line.Data is not null) errors.Enqueue(line.Data); };
        writer.BeginOutputReadLine();
        writer.BeginErrorReadLine();

        var exited = writer.WaitForExitAsync();
        var first = await Task.WhenAny(enough.Task, exited).WaitAsync(Deadline);
        Assert.True(first == enough.Task, $"the writer exited early: {string.Join('\n', errors)}");
        writer.Kill(); // SIGKILL: no finalizers, no flush, no dispose
        await exited.WaitAsync(Deadline);

        await using var reopened = await SqlPersistence.OpenAsync(options, TestRegistry.Create());
        for (var actor = 0; actor < CrashWriter.Actors; actor++)
        {
            var pid = $"crash-{actor}";
            var replayed = (await Events.ReplayAllAsync(reopened.Journal, pid)).Select(r => r.SequenceNr).ToList();
            Assert.Equal(Enumerable.Range(1, replayed.Count).Select(i => (long)i), replayed);
            Assert.True(replayed.Count >= acked.GetValueOrDefault(pid), $"{pid}: acknowledged up to {acked.GetValueOrDefault(pid)}, found {replayed.Count}");
            Assert.Equal(replayed.Count, await reopened.Journal.ReadHighestSequenceNrAsync(pid, 0));
        }
        Assert.True(acked.Values.Sum() >= AcksBeforeKill);
    }

    private static Process StartWriter(SqlPersistenceOptions options)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(CrashTests).Assembly.Location, "crash-writer", options.Provider.ToString(), options.ConnectionString, options.TablePrefix, options.SqliteSynchronous.ToString() })
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
    }
}
