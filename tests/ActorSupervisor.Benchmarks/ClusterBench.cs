namespace ActorSupervisor.Benchmarks;

/// <summary>
/// <c>./bench.sh cluster [--quick]</c>: figures of a cluster of nodes. Each concern is a part of this class in a file of
/// its own (<c>ClusterBench.Forward.cs</c>: an API call answered by an entity on another node).
/// </summary>
public sealed partial class ClusterBench : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "cluster";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context)
    {
        await ForwardAsync(context);
    }
}
