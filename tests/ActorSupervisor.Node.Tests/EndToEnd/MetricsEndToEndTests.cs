using System.Globalization;
using System.Text.RegularExpressions;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>
/// The node's <c>/metrics</c> as Prometheus reads it, from a real node process running real workloads: linted by
/// Debian's <c>promtool check metrics</c> (tests/services/promtool.sh installs it), with the per-container series.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MetricsEndToEndTests
{
    [Fact]
    public async Task Promtool_finds_no_problem_in_the_metrics_of_a_node_with_running_crash_looping_and_health_checked_containers()
    {
        var promtool = Promtool();
        await using var node = await NodeProcess.StartAsync();
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "steady", Cmd = "sleep 600 & sleep 600 & wait", Memory = "64m" }, start: true);
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "crashy", Cmd = "exit 3", Restart = "always" }, start: true);
        await node.Client.CreateContainerAsync(new RawContainerSpec
        {
            Name = "checked", Cmd = "sleep 600", Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "1s", StartInterval = "100ms" },
        }, start: true);

        // One reading with all three as wanted: crashy between two runs, checked healthy, steady's cgroup read.
        var metrics = await Eventually.ValueAsync(() => node.Client.GetMetricsTextAsync(),
            m => Value(m, "asv_container_exit_code", "crashy") == 3 && Value(m, "asv_container_health_status", "checked", "status=\"healthy\"") == 1
                 && Value(m, "asv_container_pids", "steady") == 3,
            "crashy exited with 3, checked is healthy and steady's three processes are counted", TimeSpan.FromSeconds(30));

        var lint = await ProgramRun.RunAsync(promtool, ["check", "metrics"], TimeSpan.FromSeconds(60), input: metrics);
        Assert.True(lint.ExitCode == 0 && lint.Output.Trim().Length == 0, $"promtool check metrics exited {lint.ExitCode}:\n{lint.Output}\n--- the metrics:\n{metrics}");

        Assert.Equal(1, Value(metrics, "asv_container_state", "steady", "state=\"running\""));
        Assert.Equal(0, Value(metrics, "asv_container_state", "steady", "state=\"exited\""));
        Assert.True(Value(metrics, "asv_container_restarts_total", "crashy") >= 1, "crashy's restarts are counted");
        Assert.Equal(64 * 1024 * 1024, Value(metrics, "asv_container_memory_limit_bytes", "steady"));
        Assert.NotNull(Value(metrics, "asv_container_cpu_seconds_total", "steady"));
        Assert.NotNull(Value(metrics, "asv_container_start_time_seconds", "steady"));
        Assert.Null(Value(metrics, "asv_container_health_status", "steady", "status=\"healthy\"")); // no health check, no health series
        Assert.Null(Value(metrics, "asv_container_exit_code", "steady")); // running, never exited
        Assert.Equal(2, Value(metrics, "asv_containers", "", "state=\"running\""));
        Assert.Contains("# TYPE asv_journal_write_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_cpu_seconds_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_container_leaves_the_metrics_with_all_its_series()
    {
        await using var node = await NodeProcess.StartAsync();
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "brief", Cmd = "sleep 600" }, start: true);
        await node.Client.CreateContainerAsync(new RawContainerSpec { Name = "stays", Cmd = "sleep 600" }, start: true);
        await Eventually.ValueAsync(() => node.Client.GetMetricsTextAsync(), m => Value(m, "asv_container_pids", "brief") >= 1,
            "brief's cgroup is read", TimeSpan.FromSeconds(20));

        await node.Client.RemoveContainerAsync("brief", force: true);

        var metrics = await node.Client.GetMetricsTextAsync();
        Assert.DoesNotContain("container=\"brief\"", metrics, StringComparison.Ordinal);
        Assert.Equal(1, Value(metrics, "asv_container_state", "stays", "state=\"running\""));
    }

    /// <summary>Debian's promtool: ASV_TEST_PROMTOOL from tests/services/promtool.sh, else /usr/bin/promtool; missing, the test fails.</summary>
    private static string Promtool()
    {
        var path = Environment.GetEnvironmentVariable("ASV_TEST_PROMTOOL") is { Length: > 0 } given ? given : "/usr/bin/promtool";
        Assert.True(File.Exists(path), $"promtool is not at {path}: run `bash tests/services/promtool.sh start DIR` (as root; ./test.sh does) and export what it prints");
        return path;
    }

    /// <summary>
    /// The value of <paramref name="name"/>'s series for container <paramref name="container"/> (any container when empty)
    /// whose labels also hold <paramref name="label"/>; null when there is none.
    /// </summary>
    private static double? Value(string metrics, string name, string container, string label = "")
    {
        foreach (Match line in Regex.Matches(metrics, $@"^{Regex.Escape(name)}\{{([^}}]*)\}} (\S+)$", RegexOptions.Multiline))
        {
            var labels = line.Groups[1].Value;
            if ((container.Length == 0 || labels.Contains($"container=\"{container}\"", StringComparison.Ordinal)) && labels.Contains(label, StringComparison.Ordinal))
                return double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        return null;
    }
}
