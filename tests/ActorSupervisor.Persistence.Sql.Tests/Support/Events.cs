using ActorSupervisor.Actors.Persistence;

namespace ActorSupervisor.Persistence.Sql.Tests.Support;

/// <summary>Builds the journal's write records for tests.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    public static PersistentRepr Repr(string pid, long seq, object? payload = null, string writer = "w1", params string[] tags) =>
        new(pid, seq, payload ?? new ItemAdded($"item-{seq}", (int)seq), writer, Epoch.AddSeconds(seq), tags);

    /// <summary>One atomic write of events <paramref name="from"/>..<paramref name="to"/> of <paramref name="pid"/>.</summary>
    public static AtomicWrite Write(string pid, long from, long to, string writer = "w1", params string[] tags) =>
        new([.. Enumerable.Range(0, (int)(to - from + 1)).Select(i => Repr(pid, from + i, writer: writer, tags: tags))]);

    public static async Task<List<PersistentRepr>> ReplayAllAsync(IJournal journal, string pid)
    {
        var replayed = new List<PersistentRepr>();
        await journal.ReplayMessagesAsync(pid, 1, long.MaxValue, long.MaxValue, replayed.Add);
        return replayed;
    }

    public static void AssertAllSucceeded(IReadOnlyList<Exception?> results)
    {
        var failures = results.Where(r => r is not null).ToList();
        Assert.True(failures.Count == 0, string.Join("; ", failures.Select(f => f!.Message)));
    }
}
