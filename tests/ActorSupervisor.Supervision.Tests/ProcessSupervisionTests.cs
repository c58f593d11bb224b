using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Tests.Support;
using Xunit;

namespace ActorSupervisor.Supervision.Tests;

/// <summary>Real OS processes under the process runtime, a real SQLite journal file and the system clock.</summary>
public sealed class ProcessSupervisionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private sealed class ProcessRuntimes(string directory) : IAsyncDisposable
    {
        private readonly string _cgroupParent = "asv-supervision-test-" + Guid.NewGuid().ToString("N")[..8];
        private ProcessRuntime? _current;

        public IReadOnlyList<IContainerRuntime> Current() => [_current ??= New()];

        /// <summary>Drops the runtime (its workloads keep running), so the next host gets a fresh one, as after a node restart.</summary>
        public async Task ReplaceAsync()
        {
            if (_current is not null) await _current.DisposeAsync();
            _current = null;
        }

        /// <summary>Removes the per-test cgroup parent and log directory once the workloads are gone, so runs leave nothing behind.</summary>
        public async ValueTask DisposeAsync()
        {
            await ReplaceAsync();
            foreach (var mount in new[] { "/sys/fs/cgroup/memory", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup" })
            {
                var parent = Path.Combine(mount, _cgroupParent);
                if (!Directory.Exists(parent)) continue;
                foreach (var child in Directory.GetDirectories(parent)) Directory.Delete(child);
                Directory.Delete(parent);
            }
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }

        private ProcessRuntime New() => new(new ProcessRuntimeOptions
        {
            LogDirectory = Path.Combine(directory, "logs"),
            CgroupParent = _cgroupParent,
            MonitorInterval = TimeSpan.FromMilliseconds(50),
        });
    }

    private static async Task<(HostHarness Harness, ProcessRuntimes Runtimes)> StartAsync()
    {
        var runtimes = new ProcessRuntimes(Path.Combine(Path.GetTempPath(), "asv-supervision-proc-" + Guid.NewGuid().ToString("N")));
        var options = new ContainerHostOptions { NodeId = "proc-node", ShardCount = 4 };
        var harness = await HostHarness.StartAsync(options, TimeProvider.System, runtimes.Current);
        return (harness, runtimes);
    }

    private static ContainerSpec Shell(string name, string script, RestartPolicy policy) =>
        new() { Name = name, Runtime = RuntimeKind.Process, Command = CommandLine.Shell(script), Restart = policy, StopTimeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task A_crashing_shell_is_restarted_with_growing_backoff()
    {
        var (harness, runtimes) = await StartAsync();
        await using (runtimes)
        await using (harness)
        {
            var crashy = await harness.Host.CreateAsync(Shell("crashy", "exit 1", RestartPolicy.Always), start: true);

            await harness.AwaitAsync(crashy.Id, s => s.RestartCount >= 3, "three restarts");
            await harness.Host.SendAsync("crashy", new ContainerCommand.Stop());

            var history = await harness.Host.HistoryAsync("crashy");
            var dies = history.Select(h => h.Event).OfType<ContainerEvent.Died>().ToList();
            Assert.True(dies.Count >= 3);
            Assert.All(dies, d => Assert.Equal(1, d.ExitCode));
            var delays = history.Select(h => h.Event).OfType<ContainerEvent.Restarting>().Take(3).Select(r => r.Delay.TotalMilliseconds);
            Assert.Equal([100.0, 200, 400], delays);
            var starts = history.Select(h => h.Event).OfType<ContainerEvent.Started>().Skip(1).Take(2).ToList();
            var restarts = history.Select(h => h.Event).OfType<ContainerEvent.Restarting>().Take(2).ToList();
            // The backoff runs from the exit (the supervisor's timer starts when it decides, right after it).
            for (var i = 0; i < 2; i++)
                Assert.True(starts[i].At - dies[i].At >= restarts[i].Delay, $"start {i + 2} came {starts[i].At - dies[i].At} after the exit, before its backoff");
        }
    }

    [Fact]
    public async Task A_new_host_adopts_a_still_running_process()
    {
        var (harness, runtimes) = await StartAsync();
        await using (runtimes)
        await using (harness)
        {
            var sleeper = await harness.Host.CreateAsync(Shell("sleeper", "exec sleep 300", RestartPolicy.UnlessStopped), start: true);
            var pid = sleeper.State.Pid!.Value;
            Assert.True(Directory.Exists($"/proc/{pid}"));

            await harness.RestartAsync(betweenHosts: () => runtimes.ReplaceAsync().GetAwaiter().GetResult());

            var adopted = await harness.Host.InspectAsync("sleeper");
            Assert.Equal(ContainerStatus.Running, adopted.State.Status);
            Assert.Equal(pid, adopted.State.Pid);
            Assert.Equal(sleeper.State.StartTicks, adopted.State.StartTicks);

            var stopped = await harness.Host.SendAsync("sleeper", new ContainerCommand.Stop());
            Assert.Equal(ContainerStatus.Exited, stopped.State.Status);
            Assert.True(stopped.State.ManuallyStopped);
            // An adopted process is no longer the node's child: its exit status cannot be collected, only its end.
            Assert.Contains(stopped.State.ExitCode, new int?[] { null, 143 });
            await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{pid}"), "the adopted process to be gone", Deadline);
        }
    }

    [Fact]
    public async Task A_missing_executable_exits_127()
    {
        var (harness, runtimes) = await StartAsync();
        await using (runtimes)
        await using (harness)
        {
            var spec = new ContainerSpec { Name = "missing", Runtime = RuntimeKind.Process, Command = CommandLine.Exec("/nonexistent/asv-binary") };

            var created = await harness.Host.CreateAsync(spec, start: true);

            Assert.Equal(ContainerStatus.Exited, created.State.Status);
            Assert.Equal(127, created.State.ExitCode);
            Assert.Contains("/nonexistent/asv-binary", created.State.Error);
        }
    }
}
