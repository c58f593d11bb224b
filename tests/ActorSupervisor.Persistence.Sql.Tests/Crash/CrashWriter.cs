using ActorSupervisor.Persistence.Sql.Tests.Support;

namespace ActorSupervisor.Persistence.Sql.Tests.Crash;

/// <summary>
/// The child process of the crash test: many actors write one event at a time, forever, and print
/// <c>ACK pid seq</c> for each write the journal acknowledged, until the test kills the process.
/// </summary>
internal static class CrashWriter
{
    public const int Actors = 16;

    public static async Task<int> RunAsync(SqlPersistenceOptions options)
    {
        await using var store = await SqlPersistence.OpenAsync(options, TestRegistry.Create());
        await Task.WhenAll(Enumerable.Range(0, Actors).Select(a => Task.Run(async () =>
        {
            for (var seq = 1L; ; seq++)
            {
                var results = await store.Journal.WriteMessagesAsync([Events.Write($"crash-{a}", seq, seq)]);
                if (results[0] is { } error) throw error;
                Console.Out.WriteLine($"ACK crash-{a} {seq}");
            }
        })));
        return 0;
    }
}
