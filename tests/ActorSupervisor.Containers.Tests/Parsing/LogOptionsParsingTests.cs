using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Containers.Tests.Parsing;

/// <summary>Issue 15: a container's log settings (Docker's json-file options) as the node reads them.</summary>
public class LogOptionsParsingTests
{
    private static readonly RawContainerSpec Minimal = new() { Name = "web-1", Command = ["sleep", "60"] };

    [Fact]
    public void Max_size_and_max_file_are_kept_in_the_spec_and_missing_ones_are_the_nodes()
    {
        var spec = ContainerSpecParser.Parse(Minimal with { LogOptions = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "3" } }).Spec!;
        Assert.Equal((10L * 1024 * 1024, 3), (spec.LogMaxBytes, spec.LogMaxFiles));

        var sizeOnly = ContainerSpecParser.Parse(Minimal with { LogOptions = new Dictionary<string, string> { ["max-size"] = "2k" } }).Spec!;
        Assert.Equal((2048L, (int?)null), (sizeOnly.LogMaxBytes, sizeOnly.LogMaxFiles));

        var plain = ContainerSpecParser.Parse(Minimal).Spec!;
        Assert.Equal(((long?)null, (int?)null), (plain.LogMaxBytes, plain.LogMaxFiles));
    }

    [Theory]
    [InlineData("max-size", "lots")]
    [InlineData("max-size", "10")]
    [InlineData("max-size", "512b")]
    [InlineData("max-size", "101g")]
    [InlineData("max-file", "0")]
    [InlineData("max-file", "101")]
    [InlineData("max-file", "three")]
    [InlineData("labels", "x")]
    public void A_bad_option_is_refused_naming_it(string key, string value)
    {
        var result = ContainerSpecParser.Parse(Minimal with { LogOptions = new Dictionary<string, string> { [key] = value } });

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("logOptions." + key, error.Field);
        Assert.Equal(value, error.Value);
    }
}
