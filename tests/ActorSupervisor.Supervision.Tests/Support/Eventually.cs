namespace ActorSupervisor.Supervision.Tests.Support;

/// <summary>Waits for a condition with a real-time deadline, polling; fails with what was being waited for.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(15);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, string waitingFor, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        T last;
        while (true)
        {
            last = await read();
            if (condition(last)) return last;
            if (DateTime.UtcNow > until) break;
            await Task.Delay(5);
        }
        throw new TimeoutException($"gave up waiting for {waitingFor}; last value: {last}");
    }

    public static Task Until(Func<bool> condition, string waitingFor, TimeSpan? deadline = null) =>
        Until(() => Task.FromResult(condition()), ok => ok, waitingFor, deadline);
}
