namespace ActorSupervisor.Tests.Shared;

/// <summary>Waits for a condition with a deadline, polling; fails with what was awaited.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> (default 10 s) passes.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls <paramref name="read"/> until its value satisfies <paramref name="accept"/>; returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (accept(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting until {what}; last value: {value}");
            await Task.Delay(20);
        }
    }
}
