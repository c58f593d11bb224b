using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv stats</c> and the per-container series of <c>/metrics</c>, through the real CLI against a real node.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class StatsEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly Uri _node = fixture.Url;

    [Fact]
    public async Task Stats_no_stream_prints_one_row_per_running_container_with_docker_s_columns_and_metrics_carry_the_same()
    {
        await Asv.OkAsync(_node, "run", "--name", "stats-a", "-m", "64m", "--cmd", "sleep 600 & sleep 600 & wait");
        await Asv.OkAsync(_node, "create", "--name", "stats-stopped", "--", "sleep", "600");

        var table = await Eventually.ValueAsync(() => Asv.OkAsync(_node, "stats", "--no-stream"), t => t.Contains(" 3\n", StringComparison.Ordinal),
            "the shell and its two sleeps are counted", TimeSpan.FromSeconds(20));

        var lines = table.TrimEnd('\n').Split('\n');
        Assert.Equal(["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"],
            lines[0].Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains("stats-a", row, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d\d%", row);
        Assert.Contains(" / 64MiB", row, StringComparison.Ordinal);
        Assert.DoesNotContain("stats-stopped", table, StringComparison.Ordinal);

        // A reading leaves out a container its runtime cannot answer for at that moment (see ContainerStatsReader): wait
        // for one that has it, as for the table above (a CI run's single reading right after the table missed it).
        var metrics = await Eventually.ValueAsync(() => fixture.Node.Client.GetMetricsTextAsync(),
            m => m.Contains("asv_container_pids{container=\"stats-a\"", StringComparison.Ordinal), "/metrics carries stats-a", TimeSpan.FromSeconds(20));
        Assert.Contains("asv_container_pids{container=\"stats-a\"", metrics, StringComparison.Ordinal);
        Assert.Contains("asv_container_memory_limit_bytes{container=\"stats-a\"", metrics, StringComparison.Ordinal);
        Assert.Contains("asv_container_cpu_seconds_total{container=\"stats-a\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_of_an_unknown_container_is_refused()
    {
        var result = await Asv.RunAsync(_node, "stats", "--no-stream", "stats-no-such");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no such container: stats-no-such", result.Err, StringComparison.Ordinal);
    }
}
