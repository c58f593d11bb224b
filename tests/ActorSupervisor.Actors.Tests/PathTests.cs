using ActorSupervisor.Actors;

namespace ActorSupervisor.Actors.Tests;

public sealed class PathTests
{
    [Fact]
    public void Paths_compare_by_value_and_print_with_and_without_the_address()
    {
        var root = ActorPath.Root("cluster");
        var a = root.Child("user").Child("supervisor").Child("web-1");
        var b = ActorPath.Root("cluster").Child("user").Child("supervisor").Child("web-1");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ActorPath.Root("other").Child("user").Child("supervisor").Child("web-1"));
        Assert.Equal("asv://cluster/user/supervisor/web-1", a.ToString());
        Assert.Equal("/user/supervisor/web-1", a.ToStringWithoutAddress());
        Assert.Equal("/", root.ToStringWithoutAddress());
    }
}
