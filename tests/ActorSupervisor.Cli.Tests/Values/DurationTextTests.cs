using ActorSupervisor.Client.Values;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Cli.Tests.Values;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData(" 30s ", 30_000)]
    public void Parses_go_style_durations(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("10 s")]
    [InlineData("5x")]
    [InlineData("1d")]
    public void Refuses_what_is_not_a_duration_with_a_hint(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.Contains("use e.g. 30s, 1m30s or 500ms", error);
    }

    [Fact]
    public void Refuses_durations_past_the_maximum()
    {
        Assert.False(DurationText.TryParse("99999999h", out _, out var error));
        Assert.Contains("too long", error);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1_500, "1s500ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(100, "100ms")]
    public void Formats_canonically(long milliseconds, string text) =>
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Format_then_parse_gives_back_the_same_duration_to_the_microsecond()
    {
        var micros = Gen.Choose(0, int.MaxValue).Select(n => TimeSpan.FromMicroseconds(n * 7L)).ToArbitrary();
        Prop.ForAll(micros, duration => DurationText.Parse(DurationText.Format(duration)) == duration)
            .QuickCheckThrowOnFailure();
    }
}
