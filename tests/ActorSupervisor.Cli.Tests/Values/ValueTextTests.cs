using ActorSupervisor.Client.Values;

namespace ActorSupervisor.Cli.Tests.Values;

public sealed class ValueTextTests
{
    [Theory]
    [InlineData("512m", 512L * 1024 * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("1.5G", 1536L * 1024 * 1024)]
    [InlineData("64k", 65_536)]
    [InlineData("64KiB", 65_536)]
    [InlineData("100mb", 100L * 1024 * 1024)]
    [InlineData("4096", 4096)]
    [InlineData("10b", 10)]
    public void Memory_sizes_use_dockers_units(string text, long bytes) => Assert.Equal(bytes, MemorySize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("12zb")]
    [InlineData("-1m")]
    [InlineData("99999999999t")]
    public void Memory_refuses_garbage(string text) => Assert.False(MemorySize.TryParse(text, out _, out _));

    [Theory]
    [InlineData(536_870_912, "512MiB")]
    [InlineData(1_610_612_736, "1.5GiB")]
    [InlineData(100, "100B")]
    public void Memory_humanizes(long bytes, string text) => Assert.Equal(text, MemorySize.Humanize(bytes));

    [Theory]
    [InlineData("no", "no")]
    [InlineData("always", "always")]
    [InlineData("unless-stopped", "unless-stopped")]
    [InlineData("on-failure", "on-failure")]
    [InlineData("on-failure:0", "on-failure")]
    [InlineData("on-failure:5", "on-failure:5")]
    public void Restart_policies_normalize(string text, string canonical) => Assert.Equal(canonical, RestartPolicyText.Normalize(text));

    [Theory]
    [InlineData("sometimes", "is not a restart policy")]
    [InlineData("always:3", "maximum retries are only valid with on-failure")]
    [InlineData("on-failure:-1", "maximum retries must be a whole number 0 or more")]
    [InlineData("on-failure:x", "maximum retries must be a whole number 0 or more")]
    [InlineData("", "is not a restart policy")]
    public void Restart_policies_refuse_with_a_reason(string text, string reason)
    {
        Assert.False(RestartPolicyText.TryNormalize(text, out _, out var error));
        Assert.Contains(reason, error);
    }
}
