using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Supervision.Hosting;
using Prometheus;

namespace ActorSupervisor.Node.Metrics;

/// <summary>
/// The node's own series, from the supervision layer's counters (<see cref="SupervisionMetrics"/>): containers by state,
/// restarts, give-ups, failures, the journal. They are published once the host exists; before that only
/// <c>asv_ready</c> is.
/// </summary>
internal sealed class NodeSeries
{
    private readonly Gauge _ready;
    private readonly ScrapedFamily<Gauge.Child> _containers;
    private readonly (Counter Counter, Func<SupervisionMetrics, long> Read)[] _totals;
    private readonly Gauge _journalFailing;
    private readonly Gauge _commandsInFlight;
    private readonly Histogram _journalWrites;
    private SupervisionMetrics? _observed;

    /// <summary>Registers the node's families with <paramref name="factory"/>.</summary>
    public NodeSeries(IMetricFactory factory)
    {
        var later = new GaugeConfiguration { SuppressInitialValue = true };
        _ready = factory.CreateGauge("asv_ready", "1 when the node has recovered, is not stopping and its journal writes succeed");
        _containers = new(factory.CreateGauge("asv_containers", "containers this node hosts, by state", ["state"]));
        Counter Total(string name, string help) => factory.CreateCounter(name, help, new CounterConfiguration { SuppressInitialValue = true });
        _totals =
        [
            (Total("asv_restarts_total", "policy restarts scheduled"), m => m.Restarts),
            (Total("asv_gave_up_total", "containers given up on (restart intensity exceeded)"), m => m.GaveUp),
            (Total("asv_health_transitions_total", "health status changes"), m => m.HealthTransitions),
            (Total("asv_start_failures_total", "workloads that failed to start"), m => m.StartFailures),
            (Total("asv_runtime_signals_total", "runtime signals routed to containers (started, exited, OOM, paused, resumed)"), m => m.RuntimeSignals),
            (Total("asv_actor_failures_total", "container actor failures handled by their supervisor"), m => m.ActorFailures),
            (Total("asv_dead_letters_total", "messages that found no actor"), m => m.DeadLetters),
            (Total("asv_journal_failures_total", "journal writes that failed"), m => m.JournalFailures),
        ];
        _journalFailing = factory.CreateGauge("asv_journal_failing", "1 while the last journal write failed and none has succeeded since", later);
        _commandsInFlight = factory.CreateGauge("asv_commands_in_flight", "commands sent to container entities and not answered yet", later);
        _journalWrites = factory.CreateHistogram("asv_journal_write_seconds", "time to persist a container's events", new HistogramConfiguration
        {
            Buckets = [.. LatencyHistogram.UpperBoundsSeconds],
            SuppressInitialValue = true,
        });
    }

    /// <summary>
    /// Feeds <c>asv_journal_write_seconds</c> from <paramref name="metrics"/>'s journal writes from now on: called when the
    /// host is created, before it recovers, so that its histogram and this one count the same writes.
    /// </summary>
    public void Observe(SupervisionMetrics metrics)
    {
        if (Interlocked.Exchange(ref _observed, metrics) is not null)
            throw new InvalidOperationException("the node's journal writes are observed already");
        metrics.JournalWriteLatency.Recorded += elapsed => _journalWrites.Observe(elapsed.TotalSeconds);
    }

    /// <summary>Sets the readiness gauge: <paramref name="probeReason"/> is why the node is not ready, null when it is.</summary>
    public void WriteReady(string? probeReason) => _ready.Set(probeReason is null ? 1 : 0);

    /// <summary>Sets the host's series from <paramref name="metrics"/>.</summary>
    public void Write(SupervisionMetrics metrics)
    {
        foreach (var state in metrics.ContainersByStatus().GroupBy(p => ContainerMapper.StateName(p.Key)))
            _containers.Write(state.Key).Set(state.Sum(p => p.Value));
        _containers.RemoveUnwritten();
        foreach (var (counter, read) in _totals)
            counter.IncTo(read(metrics));
        _journalFailing.Set(metrics.JournalProblem is null ? 0 : 1);
        _commandsInFlight.Set(metrics.CommandsInFlight);
        _journalWrites.Publish();
    }
}
