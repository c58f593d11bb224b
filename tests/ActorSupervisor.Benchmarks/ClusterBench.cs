namespace ActorSupervisor.Benchmarks;

/// <summary>
/// <c>./bench.sh cluster [--quick]</c>: figures of a cluster of nodes. Each concern is a part of this class in a file of
/// its own (<c>ClusterBench.Forward.cs</c>, part <c>forward</c>: an API call answered by an entity on another node; the fail-over
/// and hand-off parts are <see cref="ClusterFailoverBench"/>).
/// </summary>
public sealed partial class ClusterBench : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "cluster";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context)
    {
        if (context.Runs("forward")) await ForwardAsync(context);
    }
}
