using ActorSupervisor.Containers.Domain.Restarts;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Containers.Tests.Restarts;

// Oracle: SEMANTICS "backoff" row and 1.1 (moby: 100 ms, x2, max 1 min, reset after a run of >= 10 s);
// 8.1 for the random factor (Akka: delay * (1 + rnd * factor)).
public class BackoffTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    [Fact]
    public void Dockers_sequence_doubles_from_100ms_to_one_minute()
    {
        var delays = new List<double>();
        TimeSpan? previous = null;
        for (var i = 0; i < 12; i++)
        {
            previous = Backoff.Default.Next(previous, Short);
            delays.Add(previous.Value.TotalMilliseconds);
        }
        Assert.Equal([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000], delays);
    }

    [Fact]
    public void A_run_of_ten_seconds_resets_to_the_initial_delay()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), Backoff.Default.Next(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(60), Backoff.Default.Next(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(9.999)));
    }

    [Fact]
    public void An_initial_delay_of_zero_stays_zero()
    {
        var zero = Backoff.Default with { Initial = TimeSpan.Zero };
        Assert.Equal(TimeSpan.Zero, zero.Next(null, Short));
        Assert.Equal(TimeSpan.Zero, zero.Next(TimeSpan.Zero, Short));
    }

    [Fact]
    public void Random_factor_stretches_by_up_to_the_factor()
    {
        var jittered = Backoff.Default with { RandomFactor = 0.5 };
        var random = new Random(7);
        var delays = Enumerable.Range(0, 200).Select(_ => jittered.WithJitter(TimeSpan.FromSeconds(10), random)).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15)));
        Assert.True(delays.Distinct().Count() > 100, "jitter should spread the delays");
        Assert.Equal(TimeSpan.FromSeconds(10), Backoff.Default.WithJitter(TimeSpan.FromSeconds(10), random));
    }

    private static Gen<Backoff> Backoffs =>
        from initialMs in Gen.Choose(0, 5_000)
        from extraMs in Gen.Choose(0, 120_000)
        from multiplierTenths in Gen.Choose(10, 40)
        from resetMs in Gen.Choose(1, 60_000)
        from factorPercent in Gen.Elements(0, 0, 10, 50)
        select new Backoff
        {
            Initial = TimeSpan.FromMilliseconds(initialMs),
            Max = TimeSpan.FromMilliseconds(initialMs + extraMs),
            Multiplier = multiplierTenths / 10.0,
            ResetAfter = TimeSpan.FromMilliseconds(resetMs),
            RandomFactor = factorPercent / 100.0,
        };

    [Fact]
    public void Backoff_never_exceeds_its_cap_and_resets_after_a_long_run() =>
        Prop.ForAll(
            Backoffs.Zip(Gen.ListOf(Gen.Choose(0, 120_000))).Zip(Gen.Choose(0, int.MaxValue)).ToArbitrary(),
            input =>
            {
                var ((backoff, runsMs), seed) = input;
                var random = new Random(seed);
                TimeSpan? previous = null;
                foreach (var runMs in runsMs)
                {
                    var run = TimeSpan.FromMilliseconds(runMs);
                    var next = backoff.Next(previous, run);
                    var waited = backoff.WithJitter(next, random);
                    if (next > backoff.Max || waited > backoff.Ceiling || waited < next)
                        return false;
                    if (backoff.RandomFactor == 0 && waited > backoff.Max)
                        return false;
                    if (run >= backoff.ResetAfter && next != backoff.Initial)
                        return false;
                    if (previous is { } p && run < backoff.ResetAfter && next < p)
                        return false;
                    previous = next;
                }
                return true;
            })
        .QuickCheckThrowOnFailure();
}
