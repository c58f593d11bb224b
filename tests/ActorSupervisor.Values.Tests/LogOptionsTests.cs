using ActorSupervisor.Values;

namespace ActorSupervisor.Values.Tests;

/// <summary>Issue 15: the one rule for a container's <c>--log-opt</c> (Docker's json-file names) and the node's defaults.</summary>
public sealed class LogOptionsTests
{
    private static Dictionary<string, string> Options(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Theory]
    [InlineData("1k", 1024L)]
    [InlineData("2k", 2048L)]
    [InlineData("10m", 10L << 20)]
    [InlineData("10M", 10L << 20)]
    [InlineData("1.5m", 3L << 19)]
    [InlineData("1500b", 1500L)]
    [InlineData("100g", 100L << 30)]
    public void Max_size_reads_docker_units_within_1k_to_100g(string text, long bytes)
    {
        Assert.True(LogOptions.TryParse(Options(("max-size", text)), out var maxBytes, out var maxFiles, out var key, out var error), error);
        Assert.Equal((bytes, (int?)null, ""), (maxBytes, maxFiles, key));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("100", 100)]
    public void Max_file_reads_1_to_100(string text, int files)
    {
        Assert.True(LogOptions.TryParse(Options(("max-file", text)), out var maxBytes, out var maxFiles, out _, out var error), error);
        Assert.Equal(((long?)null, files), (maxBytes, maxFiles));
    }

    [Theory]
    [InlineData("max-size", "1023b", "smallest log file size is 1k")]
    [InlineData("max-size", "100.5g", "largest log file size is 100g")]
    [InlineData("max-size", "1t", "largest log file size is 100g")]
    [InlineData("max-size", "10", "has no unit")]
    [InlineData("max-size", "4096", "has no unit")]
    [InlineData("max-size", "lots", "is not a size")]
    [InlineData("max-size", "", "is not a size")]
    [InlineData("max-file", "0", "from 1 to 100")]
    [InlineData("max-file", "101", "from 1 to 100")]
    [InlineData("max-file", "-1", "not a whole number")]
    [InlineData("max-file", "3.0", "not a whole number")]
    [InlineData("max-file", "three", "not a whole number")]
    [InlineData("compress", "true", "unknown log option")]
    [InlineData("Max-Size", "10m", "unknown log option")]
    public void A_bad_option_is_named_with_why(string name, string value, string why)
    {
        // Beside a good option, so that the bad one is the one named.
        var good = name == LogOptions.MaxFile ? (LogOptions.MaxSize, "10m") : (LogOptions.MaxFile, "3");
        Assert.False(LogOptions.TryParse(Options(good, (name, value)), out _, out _, out var key, out var error));
        Assert.Equal(name, key);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_options_are_the_nodes_defaults()
    {
        Assert.True(LogOptions.TryParse(null, out var maxBytes, out var maxFiles, out _, out _));
        Assert.Equal(((long?)null, (int?)null), (maxBytes, maxFiles));
        Assert.Empty(LogOptions.Format(null, null));
    }

    [Theory]
    [InlineData(1024L, "1k")]
    [InlineData(10L << 20, "10m")]
    [InlineData(3L << 19, "1536k")]
    [InlineData(100L << 30, "100g")]
    [InlineData(1500L, "1500b")]
    public void A_size_is_echoed_in_its_largest_exact_unit_and_reads_back(long bytes, string text)
    {
        Assert.Equal(text, LogOptions.FormatSize(bytes));
        Assert.True(LogOptions.TryParseSize(text, out var back, out _));
        Assert.Equal(bytes, back);
        Assert.Equal(new Dictionary<string, string> { ["max-file"] = "7", ["max-size"] = text }, LogOptions.Format(bytes, 7));
    }
}
