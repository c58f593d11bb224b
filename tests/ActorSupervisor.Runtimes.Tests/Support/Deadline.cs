namespace ActorSupervisor.Runtimes.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes: integration tests wait for conditions, never for fixed times.</summary>
public static class Deadline
{
    public static async Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan within, string what) where T : class
    {
        var end = DateTime.UtcNow + within;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException($"waited {within.TotalSeconds:0.#} s for {what}");
            }
            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(Func<bool> condition, TimeSpan within, string what) =>
        await UntilAsync(() => condition() ? "" : null, within, what);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var end = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException($"waited {within.TotalSeconds:0.#} s for {what}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Checks that <paramref name="condition"/> holds at every poll for the whole of <paramref name="window"/>.</summary>
    public static async Task HoldsForAsync(Func<bool> condition, TimeSpan window, string what)
    {
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end)
        {
            Assert.True(condition(), what);
            await Task.Delay(20);
        }
    }
}
