using System.Globalization;
using System.Text.Json;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Runtimes.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Runtimes.Tests.Docker;

/// <summary>The Docker runtime against a real engine, the same scenarios as the process runtime's.</summary>
public sealed class DockerRuntimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly string _node = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _containers = [];
    private DockerRuntime _runtime = null!;
    private SignalRecorder _signals = null!;

    public Task InitializeAsync()
    {
        _runtime = new DockerRuntime(Options);
        _signals = new SignalRecorder(_runtime);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await DockerEngine.RemoveContainersAsync(_containers);
    }

    private DockerRuntimeOptions Options => new() { SocketPath = DockerEngine.Socket, NodeId = _node };

    private string Id(string name)
    {
        var id = $"{name}-{_node}";
        _containers.Add(id);
        return id;
    }

    private static ContainerSpec Spec(CommandLine command, long? memory = null) =>
        new() { Name = "t", Runtime = RuntimeKind.Docker, Image = DockerEngine.Image, Command = command, MemoryLimitBytes = memory };

    private async Task<List<LogLine>> Logs(string id) => await _runtime.ReadLogsAsync(id, new LogQuery()).ToListAsync();

    [Fact]
    public async Task Exit_code_output_and_our_labels_restart_policy_and_network()
    {
        var id = Id("exit3");
        var handle = await _runtime.StartAsync(id, Spec(CommandLine.Shell("echo out; echo err >&2; exit 3")) with { Labels = new Dictionary<string, string> { ["team"] = "a" } });

        var exited = await _signals.WaitForAsync<WorkloadExited>(id, Within);

        Assert.Equal((3, false), (exited.ExitCode, exited.OomKilled));
        Assert.IsType<WorkloadStarted>(_signals.For(id)[0]);
        Assert.Equal(new WorkloadStatus(false, 3, false, exited.At), await _runtime.InspectAsync(handle));
        Assert.Equal([(LogStream.Stdout, "out"), (LogStream.Stderr, "err")], (await Logs(id)).Select(l => (l.Stream, l.Text)).Order().ToArray());
        using var client = new DockerClient(DockerEngine.Socket, TimeSpan.FromSeconds(30));
        var inspect = (await client.SendAsync(HttpMethod.Get, $"containers/{handle.WorkloadId}/json"))!.Value;
        var labels = inspect.GetProperty("Config").GetProperty("Labels");
        Assert.Equal(_node, labels.GetProperty(DockerRuntime.NodeLabel).GetString());
        Assert.Equal(id, labels.GetProperty(DockerRuntime.ContainerLabel).GetString());
        Assert.Equal("a", labels.GetProperty("team").GetString());
        Assert.Equal("no", inspect.GetProperty("HostConfig").GetProperty("RestartPolicy").GetProperty("Name").GetString());
        Assert.Equal("none", inspect.GetProperty("HostConfig").GetProperty("NetworkMode").GetString());
    }

    [Fact]
    public async Task Kill_reports_137_and_a_program_ignoring_sigterm_is_killed_after_the_stop_timeout()
    {
        var killed = Id("kill");
        var handle = await _runtime.StartAsync(killed, Spec(CommandLine.Exec("sleep", "60")));
        await _runtime.KillAsync(handle, "SIGKILL");
        Assert.Equal(137, (await _signals.WaitForAsync<WorkloadExited>(killed, Within)).ExitCode);

        // As pid 1 of its container, sleep has no SIGTERM handler and the kernel drops the signal.
        var stubborn = Id("stubborn");
        var stubbornHandle = await _runtime.StartAsync(stubborn, Spec(CommandLine.Exec("sleep", "60")));
        var started = DateTime.UtcNow;
        await _runtime.StopAsync(stubbornHandle, "SIGTERM", TimeSpan.FromMilliseconds(800));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(750), "SIGKILL came before the stop timeout");
        Assert.Equal(137, (await _signals.WaitForAsync<WorkloadExited>(stubborn, Within)).ExitCode);
    }

    [Fact]
    public async Task Log_options_reach_the_engines_log_config_and_none_leave_the_engines_own()
    {
        var own = Id("logopt");
        var handle = await _runtime.StartAsync(own, Spec(CommandLine.Exec("sleep", "60")) with { LogMaxBytes = 2048, LogMaxFiles = 3 });
        var plain = Id("nologopt");
        var plainHandle = await _runtime.StartAsync(plain, Spec(CommandLine.Exec("sleep", "60")));

        using var client = new DockerClient(DockerEngine.Socket, TimeSpan.FromSeconds(30));
        var logConfig = (await client.SendAsync(HttpMethod.Get, $"containers/{handle.WorkloadId}/json"))!.Value.GetProperty("HostConfig").GetProperty("LogConfig");
        // The engine filled in its default driver, as for docker run --log-opt without --log-driver.
        Assert.Equal("json-file", logConfig.GetProperty("Type").GetString());
        Assert.Equal("2048", logConfig.GetProperty("Config").GetProperty("max-size").GetString());
        Assert.Equal("3", logConfig.GetProperty("Config").GetProperty("max-file").GetString());
        var plainConfig = (await client.SendAsync(HttpMethod.Get, $"containers/{plainHandle.WorkloadId}/json"))!.Value.GetProperty("HostConfig").GetProperty("LogConfig");
        Assert.False(plainConfig.TryGetProperty("Config", out var options) && options.ValueKind == JsonValueKind.Object && options.TryGetProperty("max-size", out _));
    }

    [Fact]
    public async Task Stop_lets_a_program_with_a_handler_exit_cleanly()
    {
        var id = Id("graceful");
        var handle = await _runtime.StartAsync(id, Spec(CommandLine.Shell("trap 'exit 0' TERM; echo ready; while :; do sleep 0.05; done")));
        await Eventually.TrueAsync(async () => (await Logs(id)).Count > 0, "ready", Within);

        await _runtime.StopAsync(handle, "TERM", TimeSpan.FromSeconds(10));

        Assert.Equal(0, (await _signals.WaitForAsync<WorkloadExited>(id, Within)).ExitCode);
    }

    [Fact]
    public async Task A_missing_executable_or_image_fails_the_start_with_docker_s_message()
    {
        var missing = await Assert.ThrowsAsync<RuntimeOperationException>(() => _runtime.StartAsync(Id("missing"), Spec(CommandLine.Exec("no-such-program"))));
        Assert.Equal(127, missing.ExitCode);
        Assert.Contains("executable file not found", missing.Message);

        var noImage = await Assert.ThrowsAsync<RuntimeOperationException>(() => _runtime.StartAsync(Id("noimage"), Spec(CommandLine.Exec("true")) with { Image = "asv-no-such-image:1" }));
        Assert.Contains("No such image: asv-no-such-image:1", noImage.Message);
        Assert.Empty(_signals.Seen);
    }

    [Fact]
    public async Task Every_process_of_the_container_is_gone_after_stop()
    {
        var id = Id("forker");
        var handle = await _runtime.StartAsync(id, Spec(CommandLine.Shell("trap '' TERM; sleep 300 & sleep 300 & (sleep 300 & wait) & wait")));
        // Under this node's own cgroup parent, where the node's fence finds it.
        var procs = Path.Combine(_runtime.WorkloadGroupParents[0], handle.WorkloadId, "cgroup.procs");
        await Eventually.TrueAsync(() => File.Exists(procs) && File.ReadAllLines(procs).Length >= 5, "the container's processes", Within);
        var pids = File.ReadAllLines(procs).Select(int.Parse).ToArray();

        await _runtime.StopAsync(handle, "SIGTERM", TimeSpan.FromMilliseconds(500));

        await Eventually.TrueAsync(() => pids.All(pid => !Directory.Exists($"/proc/{pid}")), "every process to be gone", Within);
        Assert.False((await _runtime.InspectAsync(handle)).Running);
    }

    [Fact]
    public async Task A_program_allocating_past_its_memory_limit_is_oom_killed_with_137()
    {
        var id = Id("hog");
        await _runtime.StartAsync(id, Spec(CommandLine.Shell("x=a; while :; do x=$x$x; done"), memory: 32L * 1024 * 1024));

        var exited = await _signals.WaitForAsync<WorkloadExited>(id, Within);

        Assert.Equal((137, true), (exited.ExitCode, exited.OomKilled));
        Assert.Equal(["WorkloadStarted", "WorkloadOomKilled", "WorkloadExited"], _signals.For(id).Select(s => s.GetType().Name).ToArray());
    }

    [Fact]
    public async Task A_paused_counter_does_not_advance_and_resumes_after_unpause()
    {
        var id = Id("counter");
        var handle = await _runtime.StartAsync(id, Spec(CommandLine.Shell("i=0; while :; do i=$((i+1)); echo $i; sleep 0.02; done")));
        await Eventually.TrueAsync(async () => (await Logs(id)).Count > 3, "the counter to count", Within);

        await _runtime.PauseAsync(handle);
        var frozenAt = (await Logs(id)).Count;
        var end = DateTime.UtcNow + TimeSpan.FromMilliseconds(600);
        while (DateTime.UtcNow < end)
        {
            Assert.Equal(frozenAt, (await Logs(id)).Count);
        }
        await _runtime.UnpauseAsync(handle);
        await Eventually.TrueAsync(async () => (await Logs(id)).Count > frozenAt + 3, "the counter to count again", Within);

        await _signals.WaitForAsync<WorkloadResumed>(id);
        Assert.Equal(["WorkloadStarted", "WorkloadPaused", "WorkloadResumed"], _signals.For(id).Select(s => s.GetType().Name).ToArray());
        await _runtime.StopAsync(handle, "KILL", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Probes_run_in_the_container_with_its_env_and_a_slow_one_is_killed_at_its_timeout()
    {
        var id = Id("probed");
        var handle = await _runtime.StartAsync(id, Spec(CommandLine.Exec("sleep", "60")) with { Env = new Dictionary<string, string> { ["GREETING"] = "hello" } });

        var ok = await _runtime.ExecProbeAsync(handle, CommandLine.Shell("echo $GREETING; echo oops >&2; exit 2"), TimeSpan.FromSeconds(10));
        Assert.Equal((2, false), (ok.ExitCode, ok.TimedOut));
        // stdout and stderr come over separate pipes: both are kept, their order is not.
        Assert.Equal(["hello", "oops"], ok.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray());

        // The timeout counts from the exec's start, which a loaded engine may take hundreds of milliseconds to carry out.
        var slow = await _runtime.ExecProbeAsync(handle, CommandLine.Shell("echo $$ > /tmp/probe; echo partial; exec sleep 30"), TimeSpan.FromSeconds(3));
        Assert.Equal((-1, true, "partial\n"), (slow.ExitCode, slow.TimedOut, slow.Output));
        await Eventually.TrueAsync(async () =>
            (await _runtime.ExecProbeAsync(handle, CommandLine.Shell("kill -0 $(cat /tmp/probe)"), TimeSpan.FromSeconds(10))).ExitCode != 0, "the timed-out probe to be gone", Within);

        var chatty = await _runtime.ExecProbeAsync(handle, CommandLine.Shell("head -c 10000 /dev/zero | tr '\\0' x"), TimeSpan.FromSeconds(10));
        Assert.Equal(4097, chatty.Output.Length); // one byte past the cap: the health monitor appends "..."
        await _runtime.KillAsync(handle, "KILL");
    }

    [Fact]
    public async Task The_host_lists_and_kills_this_nodes_running_containers_only_as_a_node_losing_a_lease_asks()
    {
        var doomed = Id("doomed");
        var spared = Id("spared");
        var doomedHandle = await _runtime.StartAsync(doomed, Spec(CommandLine.Exec("sleep", "600")));
        var sparedHandle = await _runtime.StartAsync(spared, Spec(CommandLine.Exec("sleep", "600")));
        await using var otherNode = new DockerRuntime(Options with { NodeId = _node + "-other" });

        Assert.Equal([doomed, spared], _runtime.ListHostWorkloads().Order());
        Assert.Empty(otherNode.ListHostWorkloads());

        _runtime.KillHostWorkload(doomed);
        Assert.Equal(137, (await _signals.WaitForAsync<WorkloadExited>(doomed, Within)).ExitCode);
        Assert.Equal([spared], _runtime.ListHostWorkloads());
        Assert.True((await _runtime.InspectAsync(sparedHandle)).Running);
        Assert.False((await _runtime.InspectAsync(doomedHandle)).Running);
        _runtime.KillHostWorkload(doomed); // ended already: nothing to do, no error
    }

    [Fact]
    public async Task A_fresh_runtime_adopts_a_running_container_and_sees_its_exit_with_its_code()
    {
        var id = Id("adopted");
        var handle = await _runtime.StartAsync(id, Spec(CommandLine.Shell("trap 'exit 7' TERM; while :; do sleep 0.05; done")));
        await _runtime.DisposeAsync();

        await using var fresh = new DockerRuntime(Options);
        var signals = new SignalRecorder(fresh);
        Assert.True((await fresh.AdoptAsync(handle)).Running);
        await fresh.StopAsync(handle, "TERM", TimeSpan.FromSeconds(10));

        Assert.Equal(7, (await signals.WaitForAsync<WorkloadExited>(id, Within)).ExitCode);
        var again = await fresh.AdoptAsync(handle);
        Assert.Equal((false, 7), (again.Running, again.ExitCode));
    }

    [Fact]
    public async Task An_unreachable_daemon_is_a_clear_error_not_a_crash()
    {
        await using var runtime = new DockerRuntime(Options with { SocketPath = "/tmp/asv-no-such-docker.sock" });

        var failure = await Assert.ThrowsAsync<RuntimeOperationException>(() => runtime.StartAsync("x", Spec(CommandLine.Exec("true"))));

        Assert.Contains("/tmp/asv-no-such-docker.sock is not reachable", failure.Message);
    }

    [Fact]
    public async Task An_exit_while_the_daemon_is_unreachable_is_found_by_reconciling_after_reconnect()
    {
        var id = Id("reconciled");
        await using var proxy = new UnixSocketProxy(Path.Combine(Path.GetTempPath(), $"asv-proxy-{_node}.sock"), DockerEngine.Socket);
        await using var runtime = new DockerRuntime(Options with { SocketPath = proxy.Path, ReconnectDelay = TimeSpan.FromMilliseconds(100) });
        var signals = new SignalRecorder(runtime);
        var handle = await runtime.StartAsync(id, Spec(CommandLine.Exec("sleep", "60")));

        await proxy.CutAsync();
        using var client = new DockerClient(DockerEngine.Socket, TimeSpan.FromSeconds(30));
        await client.SendAsync(HttpMethod.Post, $"containers/{handle.WorkloadId}/kill?signal=KILL");
        await Eventually.TrueAsync(async () => !(await _runtime.InspectAsync(handle)).Running, "the container to die", Within);
        Assert.Empty(signals.For(id).OfType<WorkloadExited>());
        proxy.Restore();

        var exited = await signals.WaitForAsync<WorkloadExited>(id, Within);
        Assert.Equal(137, exited.ExitCode);
    }
}
