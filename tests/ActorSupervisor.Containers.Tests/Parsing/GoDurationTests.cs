using ActorSupervisor.Containers.Domain.Parsing;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Containers.Tests.Parsing;

// Oracle: Go's time.ParseDuration and Duration.String, which Docker uses for every duration flag.
public class GoDurationTests
{
    [Theory]
    [InlineData("300ms", 300 * TimeSpan.TicksPerMillisecond)]
    [InlineData("30s", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("1m30s", 90 * TimeSpan.TicksPerSecond)]
    [InlineData("1.5h", 90 * TimeSpan.TicksPerMinute)]
    [InlineData("2h45m", 165 * TimeSpan.TicksPerMinute)]
    [InlineData(".5s", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1.s", TimeSpan.TicksPerSecond)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("+5s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("-1.5s", -15 * TimeSpan.TicksPerMillisecond * 100)]
    [InlineData("1500us", 15 * TimeSpan.TicksPerMillisecond / 10)]
    [InlineData("1500µs", 15 * TimeSpan.TicksPerMillisecond / 10)]
    [InlineData("250ns", 2)]
    [InlineData("1h1m1s1ms", TimeSpan.TicksPerHour + TimeSpan.TicksPerMinute + TimeSpan.TicksPerSecond + TimeSpan.TicksPerMillisecond)]
    public void Parses_what_Go_parses(string text, long ticks)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
    }

    [Theory]
    [InlineData("", "invalid duration")]
    [InlineData("30", "missing unit")]
    [InlineData("1m30", "missing unit")]
    [InlineData("10x", "unknown unit \"x\"")]
    [InlineData("5 s", "unknown unit \" s\"")]
    [InlineData("s", "invalid duration")]
    [InlineData(".s", "invalid duration")]
    [InlineData("1..5s", "invalid duration")]
    [InlineData("-", "invalid duration")]
    [InlineData("300000000h", "invalid duration")]
    public void Rejects_what_Go_rejects_and_says_why(string text, string expected)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
        Assert.Contains($"\"{text}\"", error);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(300 * TimeSpan.TicksPerMillisecond, "300ms")]
    [InlineData(1500 * TimeSpan.TicksPerMillisecond, "1.5s")]
    [InlineData(90 * TimeSpan.TicksPerSecond, "1m30s")]
    [InlineData(TimeSpan.TicksPerHour, "1h0m0s")]
    [InlineData(15, "1.5µs")]
    [InlineData(1, "100ns")]
    [InlineData(-30 * TimeSpan.TicksPerSecond, "-30s")]
    public void Formats_as_Go_prints(long ticks, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Formatting_then_parsing_gives_the_same_duration() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 50_000)).Select(p => TimeSpan.FromTicks((long)p.Item1 * p.Item2)).ToArbitrary(),
                d => GoDuration.TryParse(GoDuration.Format(d), out var back, out _) && back == d)
            .QuickCheckThrowOnFailure();
}
