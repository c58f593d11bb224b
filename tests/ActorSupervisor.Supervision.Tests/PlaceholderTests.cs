namespace ActorSupervisor.Supervision.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => Assert.NotNull(typeof(ActorSupervisor.Supervision.Placeholder));
}
