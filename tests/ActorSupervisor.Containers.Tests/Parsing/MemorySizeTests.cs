using ActorSupervisor.Containers.Domain.Parsing;

namespace ActorSupervisor.Containers.Tests.Parsing;

// Oracle: docker/go-units RAMInBytes (binary multiples, optional i/b suffixes, any case).
public class MemorySizeTests
{
    [Theory]
    [InlineData("512m", 512L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1.5GB", 3L << 29)]
    [InlineData("1024k", 1L << 20)]
    [InlineData("1024KiB", 1L << 20)]
    [InlineData("64 mb", 64L << 20)]
    [InlineData("1048576", 1L << 20)]
    [InlineData("100b", 100)]
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
    [InlineData("m")]
    [InlineData("1.2.3m")]
    [InlineData("1  m")]
    [InlineData("1e3")]
    [InlineData("99999999999p")]
    public void Rejects_what_docker_rejects_naming_the_value(string text)
    {
        Assert.False(MemorySize.TryParse(text, out _, out var error));
        Assert.Contains($"'{text}'", error);
    }
}
