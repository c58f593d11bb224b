using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Tests.Support;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>The directory takes states from its own entities, other nodes and answers, in any order and more than once.</summary>
public sealed class ContainerDirectoryTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly ContainerState Created = ContainerState.Empty.Apply(new ContainerEvent.Created(At, HostHarness.FakeSpec("web")));
    private static readonly ContainerState Running = Created.Apply(new ContainerEvent.Started(At, "42", 42, 1, false));
    private static readonly ContainerState Removed = Running.Apply(new ContainerEvent.Destroyed(At));

    private readonly SupervisionMetrics _metrics = new();

    [Fact]
    public void An_older_state_never_replaces_a_newer_one()
    {
        var directory = new ContainerDirectory("node-1", _metrics);
        Assert.True(directory.Publish("c1", Running, 2, "node-2"));
        Assert.False(directory.Publish("c1", Created, 1, "node-2"));
        Assert.True(directory.TryGet("c1", out var entry));
        Assert.Equal((ContainerStatus.Running, 2L, "node-2"), (entry.State.Status, entry.SequenceNr, entry.Node));
        Assert.Equal("c1", directory.Resolve("web"));
        Assert.Equal("c1", directory.Resolve("c"));
    }

    [Fact]
    public void The_same_state_from_another_node_moves_the_owner_and_the_hosted_count()
    {
        var directory = new ContainerDirectory("node-1", _metrics);
        directory.Publish("c1", Running, 2, "node-1");
        Assert.Equal(1, directory.HostedCount);
        Assert.Equal(1, _metrics.ContainersByStatus()[ContainerStatus.Running]);
        Assert.False(directory.Publish("c1", Running, 2, "node-1"));
        Assert.True(directory.Publish("c1", Running, 2, "node-3"));
        Assert.Equal((0, 1), (directory.HostedCount, directory.Count));
        Assert.Equal(0, _metrics.ContainersByStatus()[ContainerStatus.Running]);
    }

    [Fact]
    public void A_removed_container_stays_removed_and_frees_its_name()
    {
        var directory = new ContainerDirectory("node-1", _metrics);
        directory.Publish("c1", Running, 2, "node-2");
        Assert.True(directory.Publish("c1", Removed, 3, "node-2"));
        Assert.False(directory.Publish("c1", Running, 2, "node-3"));
        Assert.False(directory.Publish("c1", Removed, 3, "node-2"));
        Assert.Null(directory.Resolve("web"));
        Assert.True(directory.IsRemoved("c1"));
        Assert.True(directory.ContainsId("c1"));
        Assert.Equal(0, directory.Count);

        directory.Publish("c2", Created, 1, "node-1");
        Assert.Equal("c2", directory.IdOfName("web"));
    }

    [Fact]
    public void A_wake_of_a_container_that_never_existed_changes_nothing()
    {
        var directory = new ContainerDirectory("node-1", _metrics);
        Assert.False(directory.Publish("c9", ContainerState.Empty, 0, "node-2"));
        Assert.False(directory.IsRemoved("c9"));
    }
}
