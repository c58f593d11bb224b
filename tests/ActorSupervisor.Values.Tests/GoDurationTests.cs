using ActorSupervisor.Values;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Values.Tests;

// Oracle: Go's time.ParseDuration and Duration.String, which Docker uses for every duration flag.
public sealed class GoDurationTests
{
    [Theory]
    [InlineData("300ms", 300 * TimeSpan.TicksPerMillisecond)]
    [InlineData("500ms", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("10s", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("30s", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerMillisecond * 100)]
    [InlineData("1m30s", 90 * TimeSpan.TicksPerSecond)]
    [InlineData("2h", 2 * TimeSpan.TicksPerHour)]
    [InlineData("1.5h", 90 * TimeSpan.TicksPerMinute)]
    [InlineData("2h45m", 165 * TimeSpan.TicksPerMinute)]
    [InlineData(".5s", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1.s", TimeSpan.TicksPerSecond)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData(" 30s ", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("+5s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("-1.5s", -15 * TimeSpan.TicksPerMillisecond * 100)]
    [InlineData("1500us", 15 * TimeSpan.TicksPerMillisecond / 10)]
    [InlineData("1500µs", 15 * TimeSpan.TicksPerMillisecond / 10)]
    [InlineData("250ns", 2)]
    [InlineData("1h1m1s1ms", TimeSpan.TicksPerHour + TimeSpan.TicksPerMinute + TimeSpan.TicksPerSecond + TimeSpan.TicksPerMillisecond)]
    [InlineData("1h2m3s4ms", TimeSpan.TicksPerHour + 2 * TimeSpan.TicksPerMinute + 3 * TimeSpan.TicksPerSecond + 4 * TimeSpan.TicksPerMillisecond)]
    public void Parses_what_Go_parses(string text, long ticks)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
    }

    [Theory]
    [InlineData("", "is not a duration")]
    [InlineData("30", "missing unit")]
    [InlineData("1m30", "missing unit")]
    [InlineData("10x", "unknown unit 'x'")]
    [InlineData("5 s", "unknown unit ' s'")]
    [InlineData("s", "is not a duration")]
    [InlineData(".s", "is not a duration")]
    [InlineData("1..5s", "is not a duration")]
    [InlineData("-", "is not a duration")]
    [InlineData("300000000h", "too long")]
    [InlineData("99999999h", "too long")]
    [InlineData("1s79228162514264337593543950335ns", "too long")]
    public void Rejects_what_Go_rejects_naming_the_value_and_why(string text, string expected)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
        Assert.Contains($"'{text}'", error);
    }

    // Lengths of time (intervals, timeouts, "10m ago") refuse a sign as well, and every refusal shows examples.
    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("10 s")]
    [InlineData("5x")]
    [InlineData("1d")]
    public void Refuses_what_is_not_a_length_of_time_with_a_hint(string text)
    {
        Assert.False(GoDuration.TryParseNonNegative(text, out _, out var error));
        Assert.Contains("use e.g. 30s, 1m30s or 500ms", error);
    }

    [Fact]
    public void A_negative_length_of_time_is_named_as_such()
    {
        Assert.False(GoDuration.TryParseNonNegative("-5s", out _, out var error));
        Assert.StartsWith("'-5s' cannot be negative", error);
        Assert.True(GoDuration.TryParseNonNegative("0", out var zero, out _));
        Assert.Equal(TimeSpan.Zero, zero);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(300 * TimeSpan.TicksPerMillisecond, "300ms")]
    [InlineData(100 * TimeSpan.TicksPerMillisecond, "100ms")]
    [InlineData(1500 * TimeSpan.TicksPerMillisecond, "1.5s")]
    [InlineData(90 * TimeSpan.TicksPerSecond, "1m30s")]
    [InlineData(TimeSpan.TicksPerHour, "1h0m0s")]
    [InlineData(15, "1.5µs")]
    [InlineData(1, "100ns")]
    [InlineData(-30 * TimeSpan.TicksPerSecond, "-30s")]
    public void Formats_as_Go_prints(long ticks, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void The_longest_duration_is_Gos()
    {
        Assert.Equal("2562047h47m16.8547758s", GoDuration.Format(GoDuration.MaxValue));
        Assert.True(GoDuration.TryParse("2562047h", out _, out _));
        Assert.False(GoDuration.TryParse("2562048h", out _, out _));
    }

    [Fact]
    public void Formatting_then_parsing_gives_the_same_duration() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 50_000)).Select(p => TimeSpan.FromTicks((long)p.Item1 * p.Item2)).ToArbitrary(),
                d => GoDuration.TryParse(GoDuration.Format(d), out var back, out _) && back == d)
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Format_then_parse_gives_back_the_same_duration_to_the_microsecond()
    {
        var micros = Gen.Choose(0, int.MaxValue).Select(n => TimeSpan.FromMicroseconds(n * 7L)).ToArbitrary();
        Prop.ForAll(micros, duration => GoDuration.TryParse(GoDuration.Format(duration), out var back, out _) && back == duration)
            .QuickCheckThrowOnFailure();
    }
}
