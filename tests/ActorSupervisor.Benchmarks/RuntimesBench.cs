using System.Diagnostics;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Docker;
using ActorSupervisor.Containers.Runtimes.Process;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// The runtimes with real workloads: start-to-running latency of a process and of a Docker container, and what
/// supervising many real <c>sleep</c> processes costs the supervisor, without probes and with a probe every 5 s
/// each. Docker figures use ASV_TEST_DOCKER_SOCK/ASV_TEST_DOCKER_IMAGE, or start tests/services/docker.sh.
/// </summary>
public sealed class RuntimesBench : IBenchSuite
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public string Name => "runtimes";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "asv-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new ProcessRuntimeOptions { LogDirectory = Path.Combine(scratch, "logs"), CgroupParent = Path.GetFileName(scratch) };
        try
        {
            await ProcessStartLatencyAsync(context, options);
            await SupervisedSleepsAsync(context, options);
            await DockerStartLatencyAsync(context);
        }
        finally
        {
            RemoveCgroupParent(options.CgroupParent);
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task ProcessStartLatencyAsync(BenchContext context, ProcessRuntimeOptions options)
    {
        var count = context.Quick ? 50 : 300;
        await using var runtime = new ProcessRuntime(options);
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var handle = await runtime.StartAsync("lat" + i, Spec(CommandLine.Exec("sleep", "600")));
            // Running means the program itself has replaced the shim: its command line is the spec's.
            var pid = int.Parse(handle.WorkloadId, System.Globalization.CultureInfo.InvariantCulture);
            while (!IsExecuted(pid, "sleep"))
            {
                Thread.Yield();
            }
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await runtime.StopAsync(handle, "KILL", TimeSpan.FromSeconds(5));
        }
        context.Report("runtime.process.start_p50_ms", Percentile(latencies, 0.50), "ms");
        context.Report("runtime.process.start_p99_ms", Percentile(latencies, 0.99), "ms");
    }

    private static async Task SupervisedSleepsAsync(BenchContext context, ProcessRuntimeOptions options)
    {
        var count = context.Quick ? 200 : 1000;
        var window = context.Quick ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(30);
        await using var runtime = new ProcessRuntime(options with { TailLines = 20 });
        var drain = DrainAsync(runtime);
        var handles = new List<WorkloadHandle>(count);
        for (var i = 0; i < count; i++)
        {
            handles.Add(await runtime.StartAsync("sleep" + i, Spec(CommandLine.Exec("sleep", "3600"))));
        }
        context.Report("runtime.process.supervised", count, "processes");

        // The first seconds after start-up are the JIT's and the tiering's: let them pass before measuring.
        await MeasureAsync(TimeSpan.FromSeconds(5), _ => Task.CompletedTask);
        var idle = await MeasureAsync(window, _ => Task.CompletedTask);
        context.Report("runtime.process.idle_rss_mb", idle.RssMb, "MB");
        context.Report("runtime.process.idle_managed_mb", idle.ManagedMb, "MB");
        context.Report("runtime.process.idle_cpu_pct", idle.CpuPercent, "%");

        var probes = 0;
        var failures = 0;
        var probing = await MeasureAsync(window, async cancellationToken =>
        {
            // Each workload is probed every 5 s, the probes spread evenly over the interval as health timers drift apart.
            var spacing = ProbeInterval / count;
            var next = Stopwatch.GetTimestamp();
            var running = new List<Task>();
            for (var i = 0; !cancellationToken.IsCancellationRequested; i = (i + 1) % count)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, CancellationToken.None);
                }
                next += (long)(spacing.TotalSeconds * Stopwatch.Frequency);
                var handle = handles[i];
                running.Add(Task.Run(async () =>
                {
                    var result = await runtime.ExecProbeAsync(handle, CommandLine.Exec("true"), TimeSpan.FromSeconds(5), CancellationToken.None);
                    Interlocked.Increment(ref result.ExitCode == 0 ? ref probes : ref failures);
                }, CancellationToken.None));
                running.RemoveAll(t => t.IsCompleted);
            }
            await Task.WhenAll(running);
        });
        context.Report("runtime.process.probing_rss_mb", probing.RssMb, "MB");
        context.Report("runtime.process.probing_managed_mb", probing.ManagedMb, "MB");
        context.Report("runtime.process.probing_cpu_pct", probing.CpuPercent, "%");
        context.Report("runtime.process.probes_per_s", probes / window.TotalSeconds, "probes/s");
        context.Report("runtime.process.probe_failures", failures, "probes");

        await Task.WhenAll(handles.Select(h => runtime.StopAsync(h, "KILL", TimeSpan.FromSeconds(5))));
        await runtime.DisposeAsync();
        await drain;
    }

    private static async Task DockerStartLatencyAsync(BenchContext context)
    {
        await using var engine = await DockerForBench.StartAsync();
        var count = context.Quick ? 10 : 50;
        await using var runtime = new DockerRuntime(new DockerRuntimeOptions { SocketPath = engine.Socket, NodeId = "bench" });
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var spec = Spec(CommandLine.Exec("sleep", "600")) with { Runtime = RuntimeKind.Docker, Image = engine.Image };
            var started = Stopwatch.GetTimestamp();
            // The start call returns once the daemon reports the container's process running.
            var handle = await runtime.StartAsync("bench-lat" + i, spec);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await runtime.KillAsync(handle, "KILL");
        }
        await engine.RemoveAsync(Enumerable.Range(0, count).Select(i => DockerRuntime.DockerName("bench-lat" + i)));
        context.Report("runtime.docker.start_p50_ms", Percentile(latencies, 0.50), "ms");
        context.Report("runtime.docker.start_p99_ms", Percentile(latencies, 0.99), "ms");
    }

    private sealed record Usage(double RssMb, double ManagedMb, double CpuPercent);

    /// <summary>The supervisor process's own memory and CPU (its children's CPU is theirs) while <paramref name="load"/> runs for <paramref name="window"/>.</summary>
    private static async Task<Usage> MeasureAsync(TimeSpan window, Func<CancellationToken, Task> load)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(window);
        var running = load(stop.Token);
        double peakRss = 0;
        while (!stop.IsCancellationRequested)
        {
            self.Refresh();
            peakRss = Math.Max(peakRss, self.WorkingSet64);
            await Task.Delay(250, CancellationToken.None);
        }
        await running;
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
        return new Usage(peakRss / (1024 * 1024), GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024), cpu);
    }

    private static async Task DrainAsync(IContainerRuntime runtime)
    {
        await foreach (var _ in runtime.Signals.ReadAllAsync())
        {
            // The bench has no supervisor: signals are read only so that they do not pile up.
        }
    }

    private static ContainerSpec Spec(CommandLine command) => new() { Name = "bench", Command = command };

    private static bool IsExecuted(int pid, string program)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == program;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static void RemoveCgroupParent(string parent)
    {
        foreach (var mount in new[] { "/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup" })
        {
            var directory = Path.Combine(mount, parent);
            if (Directory.Exists(directory))
            {
                foreach (var child in Directory.GetDirectories(directory))
                {
                    Directory.Delete(child);
                }
                Directory.Delete(directory);
            }
        }
    }

    /// <summary>
    /// The Docker engine for the runtimes suite: the one named by ASV_TEST_DOCKER_SOCK/ASV_TEST_DOCKER_IMAGE, or a
    /// private one started with tests/services/docker.sh for the run and stopped after it.
    /// </summary>
    private sealed class DockerForBench : IAsyncDisposable
    {
        private readonly string? _state;

        private DockerForBench(string socket, string image, string? state)
        {
            Socket = socket;
            Image = image;
            _state = state;
        }

        public string Socket { get; }

        public string Image { get; }

        public static async Task<DockerForBench> StartAsync()
        {
            if (Environment.GetEnvironmentVariable("ASV_TEST_DOCKER_SOCK") is { Length: > 0 } socket
                && Environment.GetEnvironmentVariable("ASV_TEST_DOCKER_IMAGE") is { Length: > 0 } image)
            {
                return new DockerForBench(socket, image, null);
            }
            var state = Path.Combine(Path.GetTempPath(), "asv-bench-docker");
            var output = await RunScriptAsync("start", state);
            var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
            return new DockerForBench(values["ASV_TEST_DOCKER_SOCK"], values["ASV_TEST_DOCKER_IMAGE"], state);
        }

        /// <summary>Removes the bench's containers.</summary>
        public async Task RemoveAsync(IEnumerable<string> names)
        {
            using var client = new DockerClient(Socket, TimeSpan.FromSeconds(30));
            foreach (var name in names)
            {
                try
                {
                    await client.SendAsync(HttpMethod.Delete, $"containers/{name}?force=1");
                }
                catch (DockerApiException)
                {
                    // Already gone.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_state is not null)
            {
                await RunScriptAsync("stop", _state);
            }
        }

        private static async Task<string> RunScriptAsync(string command, string state)
        {
            var script = Path.Combine(FindRepositoryRoot(), "tests", "services", "docker.sh");
            using var process = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { script, command, state }, RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{script} {command} failed with exit code {process.ExitCode}");
        }

        private static string FindRepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ActorSupervisor.sln")))
                {
                    return directory.FullName;
                }
            }
            throw new InvalidOperationException("cannot find the repository root (ActorSupervisor.sln) above " + AppContext.BaseDirectory);
        }
    }
}
