namespace ActorSupervisor.Tests.Shared;

/// <summary>
/// Waits for a condition with a real-time deadline, polling: integration tests wait for conditions, never for
/// fixed times. Fails with what was awaited (and the last value seen).
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts when the caller names no deadline.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        await ValueAsync(condition, ok => ok, what, timeout);

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Polls <paramref name="read"/> until its value satisfies <paramref name="accept"/>; returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (accept(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting until {what}; last value: {value}");
            await Task.Delay(Poll);
        }
    }

    /// <summary>Polls <paramref name="read"/> until it gives a value (not null); returns that value.</summary>
    public static async Task<T> SomeAsync<T>(Func<T?> read, string what, TimeSpan? timeout = null) where T : class =>
        (await ValueAsync(() => Task.FromResult(read()), value => value is not null, what, timeout))!;

    /// <summary>Checks that <paramref name="condition"/> holds at every poll for the whole of <paramref name="window"/>.</summary>
    public static async Task HoldsForAsync(Func<bool> condition, TimeSpan window, string what)
    {
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end)
        {
            // Not xunit's Assert: the benchmarks link this file too.
            if (!condition()) throw new InvalidOperationException($"{what} stopped holding");
            await Task.Delay(Poll);
        }
    }
}
