using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Tests.Formatting;

public sealed class ContainerViewTests
{
    private readonly FakeNodeClient node = new();
    private readonly CliRunner runner = new();

    public ContainerViewTests()
    {
        node.Containers.Add(Samples.Summary("web", ContainerStates.Running, HealthStatuses.Healthy, restarts: 2));
        node.Containers.Add(Samples.Summary("worker", ContainerStates.Restarting, restarts: 3, exitCode: 1));
    }

    [Fact]
    public async Task Ps_prints_a_docker_style_table()
    {
        var result = await runner.RunAsync(node, "ps");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^CONTAINER ID\s{3,}NAME\s{3,}COMMAND\s{3,}CREATED\s{3,}STATUS\s{3,}RESTARTS$", lines[0]);
        Assert.Matches(@"^3f2a9c1b7d4e\s{3,}web\s{3,}""python3 -m http.server 8080""\s{3,}10 minutes ago\s{3,}Up 3 minutes \(healthy\)\s{3,}2$", lines[1]);
        Assert.Matches(@"^77aa9c1b7d4e\s{3,}worker\s{3,}.*Restarting \(1\) 5 seconds ago\s{3,}3$", lines[2]);
        Assert.Equal("list all=False filters=", node.Calls.Single());
    }

    [Fact]
    public async Task Ps_passes_all_and_filters_to_the_node()
    {
        await runner.RunAsync(node, "ps", "-a", "--filter", "status=exited", "--filter", "label=tier");
        Assert.Equal("list all=True filters=status=exited,label=tier", node.Calls.Single());
    }

    [Fact]
    public async Task Ps_quiet_prints_short_ids_only()
    {
        var result = await runner.RunAsync(node, "ps", "-q");
        Assert.Equal("3f2a9c1b7d4e\n77aa9c1b7d4e\n", result.Out);
    }

    [Fact]
    public async Task Ps_wide_adds_runtime_policy_pid_node_and_labels_with_full_ids()
    {
        var result = await runner.RunAsync(node, "ps", "-o", "wide");
        var header = result.Out.Split('\n')[0];
        foreach (var column in new[] { "RUNTIME", "RESTART", "PID", "NODE", "LABELS" }) Assert.Contains(column, header);
        Assert.Contains(Samples.WebId, result.Out);
        Assert.Matches(@"process\s+""python3 -m http.server 8080"".*on-failure:5\s+2\s+4242\s+node-a\s+tier=front", result.Out);
    }

    [Fact]
    public async Task Ps_json_is_the_api_list()
    {
        var result = await runner.RunAsync(node, "ps", "--output", "json");
        var parsed = JsonSerializer.Deserialize(result.Out, ApiJsonContext.Default.IReadOnlyListContainerSummary)!;
        Assert.Equal(["web", "worker"], parsed.Select(c => c.Name));
        Assert.Contains("\n  {\n    \"id\": \"3f2a", result.Out);
    }

    [Fact]
    public async Task Inspect_shows_state_restarts_and_the_health_log()
    {
        node.Infos["web"] = Samples.Info("web", ContainerStates.Running) with
        {
            Health = new HealthInfo(HealthStatuses.Unhealthy, 3,
            [
                new HealthProbeResult(CliRunner.Now.AddSeconds(-60), CliRunner.Now.AddSeconds(-60).AddTicks(975_960), 0, "ok"),
                new HealthProbeResult(CliRunner.Now.AddSeconds(-30), CliRunner.Now.AddSeconds(-28), 1, "curl: (7) Failed to connect\nto localhost port 8080"),
                new HealthProbeResult(CliRunner.Now.AddSeconds(-10), CliRunner.Now.AddSeconds(-7), -1, "Health check exceeded timeout"),
            ]),
        };

        var result = await runner.RunAsync(node, "inspect", "web");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Status:\s+Up 3 minutes \(unhealthy\)", result.Out);
        Assert.Matches(@"Restart policy:\s+on-failure:5", result.Out);
        Assert.Matches(@"Restart count:\s+2", result.Out);
        Assert.Matches(@"Exit code:\s+1", result.Out);
        Assert.Matches(@"OOM killed:\s+no", result.Out);
        Assert.Matches(@"Pid:\s+4242", result.Out);
        Assert.Matches(@"Command:\s+python3 -m http.server", result.Out);
        Assert.Contains("Health: unhealthy, failing streak 3; last 3 results:", result.Out);
        Assert.Matches(@"2026-11-21T03:09:00.000Z\s+98ms\s+0\s+ok", result.Out);
        Assert.Matches(@"2026-11-21T03:09:30.000Z\s+2s\s+1\s+curl: \(7\) Failed to connect to localhost port 8080", result.Out);
        Assert.Matches(@"2026-11-21T03:09:50.000Z\s+3s\s+-1\s+Health check exceeded timeout", result.Out);
    }

    [Fact]
    public async Task Inspect_json_is_an_array_like_docker_inspect()
    {
        node.Infos["web"] = Samples.Info("web", ContainerStates.Exited);
        var result = await runner.RunAsync(node, "-o", "json", "inspect", "web");
        var parsed = JsonSerializer.Deserialize(result.Out, ApiJsonContext.Default.IReadOnlyListContainerInfo)!;
        Assert.Equal(Samples.WebId, Assert.Single(parsed).Id);
    }

    [Fact]
    public async Task Inspect_of_a_missing_container_prints_the_others_and_exits_1()
    {
        node.Infos["web"] = Samples.Info("web", ContainerStates.Running);
        var result = await runner.RunAsync(node, "inspect", "ghost", "web");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("asv: ghost: no container named ghost [not_found]\n", result.Err);
        Assert.Matches(@"Name:\s+web", result.Out);
    }

    [Fact]
    public async Task Inspect_shows_when_the_next_restart_is_due()
    {
        node.Infos["worker"] = Samples.Info("worker", ContainerStates.Restarting) with { NextRestartAt = CliRunner.Now.AddMilliseconds(800).AddTicks(150) };
        var result = await runner.RunAsync(node, "inspect", "worker");
        Assert.Matches(@"Next restart:\s+2026-11-21T03:10:00.800Z \(in 800ms\)", result.Out);
    }
}
