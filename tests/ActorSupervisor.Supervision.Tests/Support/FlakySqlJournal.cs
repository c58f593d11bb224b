using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;

namespace ActorSupervisor.Supervision.Tests.Support;

/// <summary>
/// The SQL journal, failing the writes of the persistence ids armed in <see cref="FlakySqlJournal.Failing"/> as a lost
/// database connection would, and holding those in <see cref="FlakySqlJournal.Held"/> as a slow disk would; everything
/// else (reads, other writes, the read journal) is the real SQLite store.
/// </summary>
internal sealed class FlakySqlJournal(Config journalConfig) : SqlWriteJournal(journalConfig)
{
    /// <summary>The Akka settings that make the host's journal plugin this class.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(
        $"akka.persistence.journal.sql.class = \"{typeof(FlakySqlJournal).FullName}, {typeof(FlakySqlJournal).Assembly.GetName().Name}\"");

    /// <summary>
    /// The persistence ids whose writes fail, with the number of writes failed so far. Process-wide: container ids are
    /// random, so tests running in parallel cannot arm each other's containers.
    /// </summary>
    public static ConcurrentDictionary<string, int> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes every write of <paramref name="persistenceId"/> fail until <see cref="Heal"/>.</summary>
    public static void FailWritesOf(string persistenceId) => Failing[persistenceId] = 0;

    /// <summary>Lets the writes of <paramref name="persistenceId"/> through again; returns how many failed.</summary>
    public static int Heal(string persistenceId) => Failing.TryRemove(persistenceId, out var failed) ? failed : 0;

    /// <summary>The persistence ids whose writes are answered only once their gate opens (as a slow fsync would hold them).</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource> Held { get; } = new(StringComparer.Ordinal);

    /// <summary>Holds every write of <paramref name="persistenceId"/> until the returned gate is opened (<c>TrySetResult</c>).</summary>
    public static TaskCompletionSource HoldWritesOf(string persistenceId) =>
        Held[persistenceId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        if (writes.Select(w => Held.GetValueOrDefault(w.PersistenceId)).OfType<TaskCompletionSource>().FirstOrDefault() is { } gate)
            return AnswerAfterAsync(gate.Task, base.WriteMessagesAsync(writes, cancellationToken));
        foreach (var write in writes)
        {
            if (Failing.TryGetValue(write.PersistenceId, out var failed))
            {
                // Counted only while still armed: a heal in between must not re-arm it.
                while (!Failing.TryUpdate(write.PersistenceId, failed + 1, failed) && Failing.TryGetValue(write.PersistenceId, out failed))
                {
                }
                return Task.FromException<IImmutableList<Exception>>(new IOException("the journal connection was lost"));
            }
        }
        return base.WriteMessagesAsync(writes, cancellationToken);
    }

    // The write itself starts in the journal actor's context (the SQL journal needs it); its answer waits for the gate.
    private static async Task<IImmutableList<Exception>> AnswerAfterAsync(Task gate, Task<IImmutableList<Exception>> write)
    {
        await gate.ConfigureAwait(false);
        return await write.ConfigureAwait(false);
    }
}
