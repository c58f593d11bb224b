using ActorSupervisor.Values;

namespace ActorSupervisor.Values.Tests;

// Oracle: docker/go-units RAMInBytes (binary multiples, optional i/b suffixes, any case).
public sealed class MemorySizeTests
{
    [Theory]
    [InlineData("512m", 512L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("1.5GB", 3L << 29)]
    [InlineData("1024k", 1L << 20)]
    [InlineData("64k", 65_536)]
    [InlineData("1024KiB", 1L << 20)]
    [InlineData("64KiB", 65_536)]
    [InlineData("64 mb", 64L << 20)]
    [InlineData("100mb", 100L << 20)]
    [InlineData("1048576", 1L << 20)]
    [InlineData("4096", 4096)]
    [InlineData("100b", 100)]
    [InlineData("10b", 10)]
    [InlineData("2t", 2L << 40)]
    [InlineData("1p", 1L << 50)]
    [InlineData("0", 0)]
    public void Reads_sizes_as_docker(string text, long bytes)
    {
        Assert.True(MemorySize.TryParse(text, out var value, out var error), error);
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1m")]
    [InlineData("12x")]
    [InlineData("12zb")]
    [InlineData("m")]
    [InlineData("1.2.3m")]
    [InlineData("1  m")]
    [InlineData("1e3")]
    [InlineData("99999999999p")]
    [InlineData("99999999999t")]
    public void Rejects_what_docker_rejects_naming_the_value(string text)
    {
        Assert.False(MemorySize.TryParse(text, out _, out var error));
        Assert.Contains($"'{text}'", error);
    }

    [Fact]
    public void Says_what_is_accepted_or_that_it_is_too_large()
    {
        Assert.False(MemorySize.TryParse("lots", out _, out var error));
        Assert.Equal("'lots' is not a memory size; use e.g. 512m, 1g or a number of bytes (0 = no limit)", error);
        Assert.False(MemorySize.TryParse("99999999999p", out _, out error));
        Assert.Contains("too large", error);
    }

    [Theory]
    [InlineData(536_870_912, "512MiB")]
    [InlineData(1_610_612_736, "1.5GiB")]
    [InlineData(100, "100B")]
    public void Humanizes(long bytes, string text) => Assert.Equal(text, MemorySize.Humanize(bytes));

    [Theory]
    [InlineData(0)]
    [InlineData(536_870_912)]
    [InlineData(long.MaxValue)]
    public void The_canonical_form_is_plain_bytes_and_reads_back(long bytes)
    {
        Assert.Equal(bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), MemorySize.Format(bytes));
        Assert.True(MemorySize.TryParse(MemorySize.Format(bytes), out var back, out _));
        Assert.Equal(bytes, back);
    }
}
