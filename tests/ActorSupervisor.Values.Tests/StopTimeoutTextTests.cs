using ActorSupervisor.Values;

namespace ActorSupervisor.Values.Tests;

// Oracle: docker run --stop-timeout (whole seconds); docs/api.md also takes a duration, never negative.
public sealed class StopTimeoutTextTests
{
    [Theory]
    [InlineData("10", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("1.5s", 1_500)]
    public void Takes_whole_seconds_or_a_duration(string text, long milliseconds)
    {
        Assert.True(StopTimeoutText.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("-1", "cannot be negative")]
    [InlineData("-1s", "cannot be negative")]
    [InlineData("soon", "is not a stop timeout; use whole seconds")]
    [InlineData("", "is not a stop timeout")]
    public void Refuses_the_rest_naming_the_value(string text, string expected)
    {
        Assert.False(StopTimeoutText.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
        Assert.Contains($"'{text}'", error);
    }
}
