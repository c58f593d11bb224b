using System.Text;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Node.Metrics;
using ActorSupervisor.Supervision.Hosting;
using Prometheus;

namespace ActorSupervisor.Node.Tests.Metrics;

/// <summary><see cref="ContainerSeries"/> over a real prometheus-net registry, read back as the exposition a scrape gets.</summary>
public sealed class ContainerSeriesTests
{
    private static readonly DateTimeOffset FirstRun = new(2026, 12, 5, 20, 0, 0, TimeSpan.Zero);
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly ContainerSeries _series;

    public ContainerSeriesTests() => _series = new ContainerSeries(Prometheus.Metrics.WithCustomRegistry(_registry));

    [Fact]
    public async Task A_total_that_falls_is_exported_as_the_new_lower_value_a_counter_reset()
    {
        _series.Write([Container("web", restarts: 3)], [Stats("web", cpuSeconds: 5)]);
        Assert.Contains(Line("asv_container_restarts_total", "web", 3), await ExpositionAsync());
        Assert.Contains(Line("asv_container_cpu_seconds_total", "web", 5), await ExpositionAsync());

        // An explicit start resets Docker's RestartCount; the new run's cgroup counts from zero.
        _series.Write([Container("web", restarts: 0, startedAt: FirstRun.AddMinutes(1))], [Stats("web", cpuSeconds: 0.25)]);

        var text = await ExpositionAsync();
        Assert.Contains(Line("asv_container_restarts_total", "web", 0), text);
        Assert.Contains(Line("asv_container_cpu_seconds_total", "web", 0.25), text);
    }

    [Fact]
    public async Task A_container_gone_from_the_listing_loses_every_series_and_one_without_a_reading_keeps_only_its_state()
    {
        _series.Write([Container("web"), Container("db", exitCode: 137, status: ContainerStatus.Exited)], [Stats("web", cpuSeconds: 1), Stats("db", cpuSeconds: 1)]);
        Assert.Contains("container=\"db\"", await ExpositionAsync());

        _series.Write([Container("web")], []);

        var text = await ExpositionAsync();
        Assert.DoesNotContain("container=\"db\"", text);
        Assert.Contains("asv_container_state{container=\"web\",id=\"id-web\",state=\"running\"} 1\n", text);
        Assert.DoesNotContain("asv_container_cpu_seconds_total{", text);
        Assert.DoesNotContain("asv_container_pids{", text);
    }

    [Fact]
    public async Task Health_series_come_only_with_a_health_check_one_per_status()
    {
        _series.Write([Container("web"), Container("checked", health: HealthStatus.Unhealthy)], []);

        var text = await ExpositionAsync();
        Assert.Contains("asv_container_health_status{container=\"checked\",id=\"id-checked\",status=\"unhealthy\"} 1\n", text);
        Assert.Contains("asv_container_health_status{container=\"checked\",id=\"id-checked\",status=\"healthy\"} 0\n", text);
        Assert.Contains("asv_container_health_status{container=\"checked\",id=\"id-checked\",status=\"starting\"} 0\n", text);
        Assert.DoesNotContain("asv_container_health_status{container=\"web\"", text);
    }

    [Fact]
    public async Task The_ready_series_is_1_only_when_ready_and_absent_without_a_readiness_probe()
    {
        _series.Write([Container("web"), Container("ready", readiness: HealthStatus.Healthy), Container("failing", readiness: HealthStatus.Unhealthy),
            Container("booting", readiness: HealthStatus.Starting)], []);

        var text = await ExpositionAsync();
        Assert.Contains(Line("asv_container_ready", "ready", 1), text);
        Assert.Contains(Line("asv_container_ready", "failing", 0), text);
        Assert.Contains(Line("asv_container_ready", "booting", 0), text);
        Assert.DoesNotContain("asv_container_ready{container=\"web\"", text);
    }

    private static ContainerSnapshot Container(string name, int restarts = 0, DateTimeOffset? startedAt = null, int? exitCode = null,
        ContainerStatus status = ContainerStatus.Running, HealthStatus? health = null, HealthStatus? readiness = null) =>
        new("id-" + name, name, "node-1", new ContainerState
        {
            Status = status,
            Spec = new ContainerSpec
            {
                Name = name, Command = CommandLine.Exec("sleep", "600"),
                HealthCheck = health is null ? null : new HealthCheck { Test = CommandLine.Exec("true") },
                Readiness = readiness is null ? null : new HealthCheck { HttpGet = new Uri("http://127.0.0.1:8080/ready") },
            },
            StartedAt = startedAt ?? FirstRun,
            RestartCount = restarts,
            ExitCode = exitCode,
            Health = health is { } h ? new HealthState(h, 0, []) : null,
            Readiness = readiness is { } r ? new HealthState(r, 0, []) : null,
        });

    private static ContainerStats Stats(string name, double cpuSeconds) =>
        new("id-" + name, name, FirstRun, (long)(cpuSeconds * 1e9), 4096, null, 1, 0, 0, null, null);

    private static string Line(string series, string name, double value) =>
        $"{series}{{container=\"{name}\",id=\"id-{name}\"}} {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n";

    private async Task<string> ExpositionAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
