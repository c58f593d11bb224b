using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>One real node process per test class, on a free port with its own temp data directory; stopped (and its workloads removed) at the end.</summary>
public class NodeFixture : IAsyncLifetime
{
    private NodeProcess? _node;

    /// <summary>The running node.</summary>
    public NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    /// <summary>The node's API address, for <c>--node</c>.</summary>
    public Uri Url => Node.Url;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync(Configuration);
        await PrepareAsync();
    }

    /// <summary>HOCON added to the node's configuration; none by default.</summary>
    protected virtual string Configuration => "";

    /// <summary>What a test class needs on its node before its tests run; nothing by default.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_node is not null)
            await _node.DisposeAsync();
    }
}
