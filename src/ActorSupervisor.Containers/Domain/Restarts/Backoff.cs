using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Restarts;

/// <summary>
/// The delay before each policy restart. Docker's numbers by default: 100 ms, doubling, at most 1 min, back
/// to the initial delay when the last run lasted at least 10 s. An optional random factor spreads restarts
/// as Akka's BackoffSupervisor does: delay × (1 + random[0,1) × factor).
/// </summary>
public sealed record Backoff
{
    /// <summary>Docker's backoff.</summary>
    public static readonly Backoff Default = new();

    /// <summary>The first delay (Docker: 100 ms). May be zero.</summary>
    public TimeSpan Initial { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Each delay is the previous one times this (Docker: 2); at least 1.</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>The longest delay before jitter (Docker: 1 min).</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A run at least this long resets the delay to <see cref="Initial"/> (Docker: 10 s).</summary>
    public TimeSpan ResetAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Jitter: 0 for none (Docker), 0.2 for up to 20 % longer.</summary>
    public double RandomFactor { get; init; }

    /// <summary>
    /// The next delay before jitter, from the previous one (null: none yet since the last explicit start) and
    /// how long the last run lasted. Moby's rule: a long run resets, the first delay is the initial one, each
    /// later delay is multiplied, all capped.
    /// </summary>
    public TimeSpan Next(TimeSpan? previous, TimeSpan lastRun)
    {
        if (previous is null || lastRun >= ResetAfter)
            return Min(Initial, Max);
        var ticks = previous.Value.Ticks * Multiplier;
        return ticks >= Max.Ticks ? Max : Min(TimeSpan.FromTicks((long)ticks), Max);
    }

    /// <summary>The delay actually waited: <paramref name="delay"/> stretched by the random factor, using <paramref name="random"/>.</summary>
    public TimeSpan WithJitter(TimeSpan delay, Random random) =>
        RandomFactor <= 0 ? delay : TimeSpan.FromTicks((long)(delay.Ticks * (1 + random.NextDouble() * RandomFactor)));

    /// <summary>The longest delay this backoff can produce, jitter included.</summary>
    [JsonIgnore]
    public TimeSpan Ceiling => TimeSpan.FromTicks((long)(Max.Ticks * (1 + Math.Max(0, RandomFactor))));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
