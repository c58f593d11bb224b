using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Supervision.Hosting;
using Prometheus;

namespace ActorSupervisor.Node.Metrics;

/// <summary>
/// One set of series per container this node hosts, labelled <c>container</c> (its name) and <c>id</c>: its state,
/// health, restarts, last exit code and start time from the supervision layer, and what <c>asv stats</c> shows
/// (CPU, memory, pids, block and network I/O) from its runtime's cgroup. Written at each scrape; a container removed
/// since the last one leaves with all its series.
/// </summary>
internal sealed class ContainerSeries
{
    // Every state a listed container can be in: "dead" is what a removed one would show, and removed ones are not listed.
    private static readonly string[] States = [.. ContainerStates.All.Where(s => s != ContainerStates.Dead)];
    private static readonly string[] HealthStates = [HealthStatuses.Starting, HealthStatuses.Healthy, HealthStatuses.Unhealthy];

    private readonly ScrapedFamily<Gauge.Child> _state;
    private readonly ScrapedFamily<Gauge.Child> _health;
    private readonly ScrapedFamily<Counter.Child> _restarts;
    private readonly ScrapedFamily<Gauge.Child> _exitCode;
    private readonly ScrapedFamily<Gauge.Child> _startTime;
    private readonly ScrapedFamily<Counter.Child> _cpu;
    private readonly ScrapedFamily<Gauge.Child> _memory;
    private readonly ScrapedFamily<Gauge.Child> _memoryLimit;
    private readonly ScrapedFamily<Gauge.Child> _pids;
    private readonly ScrapedFamily<Counter.Child> _blockRead;
    private readonly ScrapedFamily<Counter.Child> _blockWrite;
    private readonly ScrapedFamily<Gauge.Child> _ready;
    private readonly ScrapedFamily<Counter.Child> _netReceive;
    private readonly ScrapedFamily<Counter.Child> _netTransmit;

    /// <summary>Registers the per-container families with <paramref name="factory"/>.</summary>
    public ContainerSeries(IMetricFactory factory)
    {
        string[] labels = ["container", "id"];
        ScrapedFamily<Gauge.Child> Gauge(string name, string help, params string[] more) => new(factory.CreateGauge(name, help, [.. labels, .. more]));
        ScrapedFamily<Counter.Child> Counter(string name, string help) => new(factory.CreateCounter(name, help, labels));
        _state = Gauge("asv_container_state", "1 for the container's current state, 0 for the others", "state");
        _health = Gauge("asv_container_health_status", "1 for the health status of a container with a health check, 0 for the others", "status");
        _ready = Gauge("asv_container_ready", "1 when the container's readiness probe passes (ready), 0 while starting or not ready (absent without a readiness probe); gates nothing");
        _restarts = Counter("asv_container_restarts_total", "policy restarts since the container's last explicit start (Docker's RestartCount; an explicit start resets it)");
        _exitCode = Gauge("asv_container_exit_code", "exit code of the container's last run (absent while it runs and before its first exit)");
        _startTime = Gauge("asv_container_start_time_seconds", "when the container's current or last run started, as Unix time (absent before its first start)");
        _cpu = Counter("asv_container_cpu_seconds_total", "CPU time the processes of the container's current run used");
        _memory = Gauge("asv_container_memory_bytes", "memory the container uses");
        _memoryLimit = Gauge("asv_container_memory_limit_bytes", "the container's memory limit (absent without one)");
        _pids = Gauge("asv_container_pids", "the container's processes");
        _blockRead = Counter("asv_container_block_read_bytes_total", "bytes the container's current run read from block devices");
        _blockWrite = Counter("asv_container_block_write_bytes_total", "bytes the container's current run wrote to block devices");
        _netReceive = Counter("asv_container_network_receive_bytes_total", "bytes received on the container's own network (absent on the host's)");
        _netTransmit = Counter("asv_container_network_transmit_bytes_total", "bytes sent on the container's own network (absent on the host's)");
    }

    private IEnumerable<ScrapedFamily<Gauge.Child>> Gauges => [_state, _health, _ready, _exitCode, _startTime, _memory, _memoryLimit, _pids];

    private IEnumerable<ScrapedFamily<Counter.Child>> Counters => [_restarts, _cpu, _blockRead, _blockWrite, _netReceive, _netTransmit];

    /// <summary>
    /// Writes the series of <paramref name="containers"/> (this node's) with their resource use <paramref name="stats"/>
    /// (those the runtime answered for), and removes every other container's.
    /// </summary>
    public void Write(IReadOnlyList<ContainerSnapshot> containers, IReadOnlyList<ContainerStats> stats)
    {
        var statsById = stats.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var container in containers)
        {
            string[] labels = [container.Name, container.Id];
            var state = container.State;
            var current = ContainerMapper.StateName(state.Status);
            foreach (var name in States)
                _state.Write([.. labels, name]).Set(name == current ? 1 : 0);
            var health = ContainerMapper.HealthName(container);
            if (health != HealthStatuses.None)
                foreach (var name in HealthStates)
                    _health.Write([.. labels, name]).Set(name == health ? 1 : 0);
            if (state.Readiness is { } readiness && state.Spec?.Readiness is { Enabled: true })
                _ready.Write(labels).Set(ReadinessRule.Of(readiness.Status) == ReadinessStatus.Ready ? 1 : 0);
            // The totals below fall when counting starts again (an explicit start, a new run): WriteTotal makes that a reset.
            _restarts.WriteTotal(state.RestartCount, labels);
            if (state.ExitCode is { } exitCode)
                _exitCode.Write(labels).Set(exitCode);
            if (state.StartedAt is { } startedAt)
                _startTime.Write(labels).Set(startedAt.ToUnixTimeMilliseconds() / 1000.0);

            if (!statsById.TryGetValue(container.Id, out var use))
                continue;
            _cpu.WriteTotal(use.CpuNanoseconds / 1e9, labels);
            _memory.Write(labels).Set(use.MemoryBytes);
            if (use.MemoryLimitBytes is { } limit) _memoryLimit.Write(labels).Set(limit);
            _pids.Write(labels).Set(use.Pids);
            if (use.BlockReadBytes is { } read) _blockRead.WriteTotal(read, labels);
            if (use.BlockWriteBytes is { } written) _blockWrite.WriteTotal(written, labels);
            if (use.NetReceivedBytes is { } received) _netReceive.WriteTotal(received, labels);
            if (use.NetSentBytes is { } sent) _netTransmit.WriteTotal(sent, labels);
        }
        foreach (var family in Gauges) family.RemoveUnwritten();
        foreach (var family in Counters) family.RemoveUnwritten();
    }
}
