using ActorSupervisor.Values;

namespace ActorSupervisor.Values.Tests;

// Oracle: moby daemon/names ([a-zA-Z0-9][a-zA-Z0-9_.-]+) and docs/api.md (at most 128 characters).
public sealed class ContainerNameTests
{
    [Theory]
    [InlineData("web", true)]
    [InlineData("w", false)]
    [InlineData("Web_1.a-b", true)]
    [InlineData("_web", false)]
    [InlineData("web 1", false)]
    [InlineData("", false)]
    public void Names_follow_dockers_rule(string name, bool valid)
    {
        Assert.Equal(valid, ContainerName.IsValid(name));
        Assert.Equal(valid, ContainerName.TryValidate(name, out _));
    }

    [Fact]
    public void Names_are_at_most_128_characters()
    {
        Assert.True(ContainerName.IsValid(new string('a', 128)));
        Assert.False(ContainerName.IsValid(new string('a', 129)));
        Assert.False(ContainerName.TryValidate(new string('a', 129), out var error));
        Assert.Equal($"'{new string('a', 32)}...' is too long: at most 128 characters; this one has 129", error);
    }

    [Fact]
    public void Each_broken_part_of_the_rule_is_named()
    {
        Assert.False(ContainerName.TryValidate(null, out var error));
        Assert.Equal("a name is required", error);
        Assert.False(ContainerName.TryValidate("bad name!", out error));
        Assert.StartsWith("'bad name!' must be two characters or more, start with a letter or digit", error);
    }
}
