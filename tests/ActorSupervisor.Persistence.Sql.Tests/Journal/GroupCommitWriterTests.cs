using ActorSupervisor.Persistence.Sql.Journal;
using ActorSupervisor.Persistence.Sql.Schema;
using ActorSupervisor.Persistence.Sql.Tests.Support;
using ActorSupervisor.TestKit;
using Microsoft.Data.Sqlite;
using static ActorSupervisor.Persistence.Sql.Tests.Support.Events;

namespace ActorSupervisor.Persistence.Sql.Tests.Journal;

/// <summary>The group-commit writer's fault handling, on a real SQLite file with injected faults and virtual time.</summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("asv-writer-").FullName;
    private readonly ManualTimeProvider _time = new();
    private FlakyDialect _dialect = null!;
    private GroupCommitWriter _writer = null!;
    private SqlJournal _journal = null!;

    public async Task InitializeAsync()
    {
        var options = SqlPersistenceOptions.ForSqliteFile(Path.Combine(_directory, "journal.db")) with
        {
            MaxAttempts = 3,
            RetryBackoff = TimeSpan.FromSeconds(1),
        };
        _dialect = new FlakyDialect(options, _time);
        await JournalSchema.MigrateAsync(_dialect, CancellationToken.None);
        _writer = new GroupCommitWriter(_dialect);
        _journal = new SqlJournal(_dialect, TestRegistry.Create().Freeze(), _writer);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _dialect.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Waits (with a deadline) until the writer sleeps on a backoff timer, then lets that time pass.</summary>
    private async Task PassBackoffAsync(TimeSpan backoff)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (_time.ArmedTimers == 0) await Task.Delay(5, deadline.Token);
        _time.Advance(backoff);
    }

    [Fact]
    public async Task A_transient_fault_before_commit_is_retried_after_the_backoff()
    {
        _dialect.BusyInserts = 2;

        var write = _journal.WriteMessagesAsync([Write("p", 1, 2)]);
        await PassBackoffAsync(TimeSpan.FromSeconds(1));
        Assert.False(write.IsCompleted);
        await PassBackoffAsync(TimeSpan.FromSeconds(2));

        AssertAllSucceeded(await write.WaitAsync(Deadline));
        Assert.Equal(3, _dialect.InsertAttempts);
        Assert.Equal(2, (await ReplayAllAsync(_journal, "p")).Count);
    }

    [Fact]
    public async Task Transient_faults_beyond_the_attempt_budget_fail_every_call_of_the_batch()
    {
        _dialect.BusyInserts = 3;

        var write = _journal.WriteMessagesAsync([Write("p", 1, 1)]);
        await PassBackoffAsync(TimeSpan.FromSeconds(1));
        await PassBackoffAsync(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<JournalWriteException>(() => write.WaitAsync(Deadline));
        Assert.False(error.OutcomeUnknown);
        Assert.Contains("after 3 attempt(s)", error.Message);
        Assert.Empty(await ReplayAllAsync(_journal, "p"));
    }

    [Fact]
    public async Task A_commit_without_an_answer_is_reported_unknown_and_never_retried()
    {
        _dialect.LoseCommitAcknowledgement = true;

        var error = await Assert.ThrowsAsync<JournalWriteException>(() => _journal.WriteMessagesAsync([Write("p", 1, 2)]).WaitAsync(Deadline));

        Assert.True(error.OutcomeUnknown);
        Assert.Contains("may or may not be durable", error.Message);
        Assert.Equal(1, _dialect.InsertAttempts);
        // The events did commit: a blind retry would have been a second write of them.
        Assert.Equal(2, (await ReplayAllAsync(_journal, "p")).Count);
    }
}
