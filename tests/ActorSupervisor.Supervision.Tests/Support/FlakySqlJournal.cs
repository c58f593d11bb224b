using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;

namespace ActorSupervisor.Supervision.Tests.Support;

/// <summary>
/// The SQL journal, failing the writes of the persistence ids armed in <see cref="FlakySqlJournal.Failing"/> as a lost
/// database connection would; everything else (reads, other writes, the read journal) is the real SQLite store.
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

    /// <inheritdoc />
    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
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
}
