using ActorSupervisor.Client.Specs;

namespace ActorSupervisor.Cli.Tests.Specs;

public sealed class HoconSpecKeysTests
{
    [Fact]
    public void Kebab_paths_follow_the_spec_fields()
    {
        Assert.Equal("healthcheck.start-period", HoconSpecKeys.KebabPath("healthcheck.startPeriod"));
        Assert.Equal("restart-on-unhealthy.limit", HoconSpecKeys.KebabPath("restartOnUnhealthy.limit"));
        Assert.Equal("memory", HoconSpecKeys.KebabPath("memory"));
    }

    [Theory]
    [InlineData("stop-timeout", "stopTimeout")]
    [InlineData("stopTimeout", "stopTimeout")]
    [InlineData("exit2-means-starting", "exit2MeansStarting")]
    [InlineData("restart-on-unhealthy", "restartOnUnhealthy")]
    public void Kebab_and_camel_keys_name_the_same_field(string key, string field)
    {
        Assert.Equal(field, HoconSpecKeys.Camel(key));
        Assert.Equal(HoconSpecKeys.Kebab(field), HoconSpecKeys.Kebab(HoconSpecKeys.Camel(key)));
    }
}
