using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Supervision.Hosting;
using Prometheus;

namespace ActorSupervisor.Node.Metrics;

/// <summary>
/// The node's <c>/metrics</c>: a prometheus-net registry of its own (not the library's static default one, so that
/// two nodes in one process keep apart and none of the library's listeners starts) holding the node's series
/// (<see cref="NodeSeries"/>), one set per hosted container (<see cref="ContainerSeries"/>) and the process's
/// (<see cref="DotNetStats"/>). Everything is read when a scrape asks: nothing here runs between scrapes, so an idle
/// node is not woken by its metrics.
/// </summary>
public sealed class NodeMetrics
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly NodeSeries _node;
    private readonly ContainerSeries _containers;
    private readonly MetricServerMiddleware _exporter;
    // One scrape writes the series at a time: two at once could interleave one's removals with the other's writes.
    private readonly SemaphoreSlim _scrape = new(1, 1);

    /// <summary>A registry with the node's, the containers' and the process's families.</summary>
    public NodeMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        _node = new NodeSeries(factory);
        _containers = new ContainerSeries(factory);
        // process_* and dotnet_*: read from the process at each scrape, no timer.
        // (The library's EventCounter and Meter listeners, which poll on a timer, belong to its default registry only.)
        DotNetStats.Register(_registry);
        // Text format 0.0.4 only: the one promtool checks and every Prometheus reads; the node has no exemplars to send.
        _exporter = new MetricServerMiddleware(_ => Task.CompletedTask, new MetricServerMiddleware.Settings { Registry = _registry, EnableOpenMetrics = false });
    }

    /// <summary>Feeds the journal-write histogram from <paramref name="host"/>: call it before the host starts.</summary>
    public void Observe(ContainerHost host) => _node.Observe(host.Metrics);

    /// <summary>
    /// Answers a scrape: reads the node's state into the registry (before recovery finished only <c>asv_ready</c>; the
    /// containers once the node is ready) and writes the exposition.
    /// </summary>
    public async Task ScrapeAsync(HttpContext context, NodeSupervision supervision, NodeReadiness readiness, NodeRuntimes runtimes)
    {
        var cancellationToken = context.RequestAborted;
        await _scrape.WaitAsync(cancellationToken);
        try
        {
            _node.WriteReady(readiness.ProbeReason);
            if (supervision.HasHost)
            {
                var host = supervision.Host;
                _node.Write(host.Metrics);
                IReadOnlyList<ContainerSnapshot> hosted = [];
                IReadOnlyList<ContainerStats> stats = [];
                if (readiness.IsReady)
                {
                    // Only this node's: each node of a cluster exports the containers it hosts, so that their sums add up.
                    hosted = [.. (await host.ListAsync(cancellationToken)).Where(c => c.Node == host.Options.NodeId)];
                    stats = await ContainerStatsReader.ReadAsync(hosted, runtimes, cancellationToken);
                }
                _containers.Write(hosted, stats);
            }
            await _exporter.Invoke(context);
        }
        finally
        {
            _scrape.Release();
        }
    }
}
