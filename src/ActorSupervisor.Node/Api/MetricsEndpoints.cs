using System.Globalization;
using System.Text;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Node.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ActorSupervisor.Node.Api;

/// <summary><c>/metrics</c> in Prometheus text format 0.0.4, written by hand from the supervision layer's counters.</summary>
internal static class MetricsEndpoints
{
    /// <summary>Maps the metrics route.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Metrics, Metrics).WithTags("Node").WithName("Metrics");
        return app;
    }

    /// <summary>The metrics; before recovery finished only the readiness gauge.</summary>
    public static async Task<ContentHttpResult> Metrics(NodeSupervision supervision, NodeReadiness readiness, NodeRuntimes runtimes, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        Gauge(text, "asv_ready", "1 when the node has recovered, is not stopping and its journal writes succeed", readiness.ProbeReason is null ? 1 : 0);
        if (supervision.HasHost)
        {
            Write(text, supervision.Host.Metrics);
            if (readiness.IsReady)
                WriteContainers(text, await ContainerStatsReader.ReadAsync(supervision.Host, runtimes, cancellationToken));
        }
        return TypedResults.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }

    /// <summary>Per running container, what <c>asv stats</c> shows: rates are Prometheus's to compute from the totals.</summary>
    private static void WriteContainers(StringBuilder text, IReadOnlyList<ContainerStats> stats)
    {
        static string? Whole(long? value) => value?.ToString(CultureInfo.InvariantCulture);
        var series = new (string Name, string Type, string Help, Func<ContainerStats, string?> Value)[]
        {
            ("asv_container_cpu_seconds_total", "counter", "CPU time the container's processes used", s => Number(s.CpuNanoseconds / 1e9)),
            ("asv_container_memory_bytes", "gauge", "memory the container uses", s => Whole(s.MemoryBytes)),
            ("asv_container_memory_limit_bytes", "gauge", "the container's memory limit (absent without one)", s => Whole(s.MemoryLimitBytes)),
            ("asv_container_pids", "gauge", "the container's processes", s => Whole(s.Pids)),
            ("asv_container_block_read_bytes_total", "counter", "bytes the container read from block devices", s => Whole(s.BlockReadBytes)),
            ("asv_container_block_write_bytes_total", "counter", "bytes the container wrote to block devices", s => Whole(s.BlockWriteBytes)),
            ("asv_container_network_receive_bytes_total", "counter", "bytes received on the container's own network (absent on the host's)", s => Whole(s.NetReceivedBytes)),
            ("asv_container_network_transmit_bytes_total", "counter", "bytes sent on the container's own network (absent on the host's)", s => Whole(s.NetSentBytes)),
        };
        foreach (var (name, type, help, value) in series)
        {
            Header(text, name, type, help);
            foreach (var container in stats)
            {
                if (value(container) is { } v)
                    text.Append(name).Append("{container=\"").Append(container.Name).Append("\",id=\"").Append(container.Id).Append("\"} ").Append(v).Append('\n');
            }
        }
    }

    private static void Write(StringBuilder text, SupervisionMetrics metrics)
    {
        Header(text, "asv_containers", "gauge", "containers by state");
        var byState = metrics.ContainersByStatus().GroupBy(p => ContainerMapper.StateName(p.Key)).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var state in byState)
            Line(text, "asv_containers", $"{{state=\"{state.Key}\"}}", state.Sum(p => p.Value));
        Counter(text, "asv_restarts_total", "policy restarts scheduled", metrics.Restarts);
        Counter(text, "asv_gave_up_total", "containers given up on (restart intensity exceeded)", metrics.GaveUp);
        Counter(text, "asv_health_transitions_total", "health status changes", metrics.HealthTransitions);
        Counter(text, "asv_start_failures_total", "workloads that failed to start", metrics.StartFailures);
        Counter(text, "asv_runtime_signals_total", "runtime signals routed to containers (started, exited, OOM, paused, resumed)", metrics.RuntimeSignals);
        Counter(text, "asv_actor_failures_total", "container actor failures handled by their supervisor", metrics.ActorFailures);
        Counter(text, "asv_dead_letters_total", "messages that found no actor", metrics.DeadLetters);
        Counter(text, "asv_journal_failures_total", "journal writes that failed", metrics.JournalFailures);
        Gauge(text, "asv_journal_failing", "1 while the last journal write failed and none has succeeded since", metrics.JournalProblem is null ? 0 : 1);
        Gauge(text, "asv_commands_in_flight", "commands sent to container entities and not answered yet", metrics.CommandsInFlight);
        Histogram(text, "asv_journal_write_seconds", "time to persist a container's events", metrics.JournalWriteLatency.Snapshot());
    }

    private static void Histogram(StringBuilder text, string name, string help, HistogramSnapshot histogram)
    {
        Header(text, name, "histogram", help);
        for (var i = 0; i < histogram.UpperBoundsSeconds.Count; i++)
            if (double.IsFinite(histogram.UpperBoundsSeconds[i]))
                Line(text, name + "_bucket", $"{{le=\"{Number(histogram.UpperBoundsSeconds[i])}\"}}", histogram.CumulativeCounts[i]);
        Line(text, name + "_bucket", "{le=\"+Inf\"}", histogram.Count);
        text.Append(name).Append("_sum ").Append(Number(histogram.SumSeconds)).Append('\n');
        Line(text, name + "_count", "", histogram.Count);
    }

    private static void Counter(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, "counter", help);
        Line(text, name, "", value);
    }

    private static void Gauge(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, "gauge", help);
        Line(text, name, "", value);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, string labels, long value) =>
        text.Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
