using System.Diagnostics;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Supervision.Persistence;
using ActorSupervisor.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace ActorSupervisor.Supervision.Tests.Support;

/// <summary>
/// A <see cref="ContainerHost"/> on a real SQLite store file (Akka.Persistence.Sql) in a scratch directory, with the
/// fake runtime on a <see cref="FakeTimeProvider"/> (or any runtimes and clock given). <see cref="RestartAsync"/> stops
/// the host and starts a new one over the same file, as a node restart does.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<IContainerRuntime>> _runtimes;
    private bool _open;

    private HostHarness(string directory, ContainerHostOptions options, TimeProvider time, Func<IReadOnlyList<IContainerRuntime>> runtimes)
    {
        Directory = directory;
        Options = options;
        Clock = time;
        _runtimes = runtimes;
    }

    public static ContainerHostOptions DefaultOptions => new() { NodeId = "test-node", ShardCount = 8 };

    public string Directory { get; }

    public ContainerHostOptions Options { get; }

    public TimeProvider Clock { get; }

    /// <summary>The virtual clock, for harnesses made with one.</summary>
    public FakeTimeProvider Time => (FakeTimeProvider)Clock;

    public ContainerHost Host { get; private set; } = null!;

    public FakeRuntime Fake => (FakeRuntime)Host.Runtimes[RuntimeKind.Fake];

    /// <summary>How long the last <see cref="ContainerHost.StartAsync"/> took, in real time.</summary>
    public TimeSpan LastStart { get; private set; }

    /// <summary>Everything the hosts and their actors logged.</summary>
    public LogCapture Logs { get; } = new();

    public static string DatabasePath(string directory) => Path.Combine(directory, "store.db");

    /// <summary>A harness with one fake runtime (the same instance across restarts, so its workloads outlive a host, like live-restore).</summary>
    public static Task<HostHarness> StartFakeAsync(ContainerHostOptions? options = null)
    {
        var time = new FakeTimeProvider();
        var fake = new FakeRuntime(time);
        return StartAsync(options, time, () => [fake]);
    }

    public static async Task<HostHarness> StartAsync(ContainerHostOptions? options, TimeProvider time, Func<IReadOnlyList<IContainerRuntime>> runtimes)
    {
        var directory = Path.Combine(Path.GetTempPath(), "asv-supervision-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var harness = new HostHarness(directory, options ?? DefaultOptions, time, runtimes);
        try
        {
            await harness.OpenAsync();
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
        return harness;
    }

    /// <summary>Stops the host (workloads keep running unless the options say otherwise) and starts a new one over the same store file.</summary>
    public async Task RestartAsync(Action? betweenHosts = null)
    {
        await CloseAsync();
        betweenHosts?.Invoke();
        await OpenAsync();
    }

    /// <summary>Stops the host and makes a new one over the same store file without starting it: the caller starts, stops and disposes it.</summary>
    public async Task<ContainerHost> StopAndMakeNextAsync()
    {
        await CloseAsync();
        return new ContainerHost(Options, StoreSettings.ForSqliteFile(DatabasePath(Directory)), _runtimes(), Clock, Logs);
    }

    public static ContainerSpec FakeSpec(string name, RestartPolicy? policy = null) =>
        new() { Name = name, Runtime = RuntimeKind.Fake, Command = CommandLine.Exec("fake"), Restart = policy ?? RestartPolicy.No };

    public Task<ContainerSnapshot> AwaitAsync(string nameOrId, Func<ContainerState, bool> condition, string waitingFor) =>
        Eventually.ValueAsync(() => Host.InspectAsync(nameOrId), s => condition(s.State), $"{nameOrId}: {waitingFor}");

    public Task<ContainerSnapshot> AwaitStatusAsync(string nameOrId, ContainerStatus status) =>
        AwaitAsync(nameOrId, s => s.Status == status, $"status {status}");

    /// <summary>
    /// Moves the virtual clock forward in <paramref name="step"/>s, one per poll, until the container's state satisfies
    /// <paramref name="condition"/>: for waits on a timer that an asynchronous step arms (a probe's timeout), where
    /// advancing once could run before the timer exists. Returns the state and how far the clock moved.
    /// </summary>
    public async Task<(ContainerSnapshot Snapshot, TimeSpan Advanced)> AdvanceUntilAsync(string nameOrId, TimeSpan step, Func<ContainerState, bool> condition, string waitingFor)
    {
        var advanced = TimeSpan.Zero;
        var snapshot = await Eventually.ValueAsync(async () =>
        {
            var now = await Host.InspectAsync(nameOrId);
            if (!condition(now.State))
            {
                Time.Advance(step);
                advanced += step;
            }
            return now;
        }, s => condition(s.State), $"{nameOrId}: {waitingFor}");
        return (snapshot, advanced);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        foreach (var runtime in _runtimes()) await runtime.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A workload's log file may still be open; the scratch directory is under /tmp.
        }
    }

    private async Task OpenAsync()
    {
        Host = new ContainerHost(Options, StoreSettings.ForSqliteFile(DatabasePath(Directory)), _runtimes(), Clock, Logs);
        _open = true;
        var started = Stopwatch.StartNew();
        await Host.StartAsync();
        LastStart = started.Elapsed;
    }

    private async Task CloseAsync()
    {
        if (!_open) return;
        _open = false;
        await Host.DisposeAsync();
    }
}
