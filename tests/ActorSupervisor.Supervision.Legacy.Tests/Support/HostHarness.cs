using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Actors.Persistence;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Containers.Supervision;
using ActorSupervisor.Containers.Supervision.Serialization;
using ActorSupervisor.Persistence.Sql;
using ActorSupervisor.Persistence.Sql.Serialization;
using ActorSupervisor.TestKit;

namespace ActorSupervisor.Supervision.Tests.Support;

/// <summary>
/// A <see cref="ContainerHost"/> on a real SQLite journal file in a scratch directory, with the fake runtime on
/// virtual time (or any runtimes given). <see cref="RestartAsync"/> stops the host and opens a new one over the
/// same file, as a node restart does.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    private readonly Func<IJournal, IJournal>? _wrapJournal;
    private readonly Func<IReadOnlyList<IContainerRuntime>> _runtimes;
    private SqlPersistence? _persistence;

    private HostHarness(string directory, ContainerHostOptions options, TimeProvider time, Func<IReadOnlyList<IContainerRuntime>> runtimes,
        Func<IJournal, IJournal>? wrapJournal)
    {
        Directory = directory;
        Options = options;
        Clock = time;
        _runtimes = runtimes;
        _wrapJournal = wrapJournal;
    }

    public string Directory { get; }

    public ContainerHostOptions Options { get; }

    public TimeProvider Clock { get; }

    /// <summary>The virtual clock, for harnesses made with one.</summary>
    public ManualTimeProvider Time => (ManualTimeProvider)Clock;

    public ContainerHost Host { get; private set; } = null!;

    public IJournal Journal { get; private set; } = null!;

    public FakeRuntime Fake => (FakeRuntime)Host.Runtimes[RuntimeKind.Fake];

    public static string DatabasePath(string directory) => Path.Combine(directory, "journal.db");

    /// <summary>A harness with one fake runtime (the same instance across restarts, so its workloads outlive a host, like live-restore).</summary>
    public static Task<HostHarness> StartFakeAsync(ContainerHostOptions? options = null, Func<IJournal, IJournal>? wrapJournal = null)
    {
        var time = new ManualTimeProvider();
        var fake = new FakeRuntime(time);
        return StartAsync(options, time, () => [fake], wrapJournal);
    }

    public static async Task<HostHarness> StartAsync(ContainerHostOptions? options, TimeProvider time, Func<IReadOnlyList<IContainerRuntime>> runtimes,
        Func<IJournal, IJournal>? wrapJournal = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "asv-supervision-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var harness = new HostHarness(directory, options ?? new ContainerHostOptions { NodeId = "test-node", ShardCount = 8 }, time, runtimes, wrapJournal);
        await harness.OpenAsync();
        return harness;
    }

    /// <summary>Stops the host (workloads keep running unless the options say otherwise) and starts a new one over the same journal.</summary>
    public async Task RestartAsync(Action? betweenHosts = null)
    {
        await CloseAsync();
        betweenHosts?.Invoke();
        await OpenAsync();
    }

    public static ContainerSpec FakeSpec(string name, RestartPolicy? policy = null) =>
        new() { Name = name, Runtime = RuntimeKind.Fake, Command = CommandLine.Exec("fake"), Restart = policy ?? RestartPolicy.No };

    /// <summary>Everything the host and its actors logged.</summary>
    public LogCapture Logs { get; } = new();

    public Task<ContainerSnapshot> AwaitAsync(string nameOrId, Func<ContainerState, bool> condition, string waitingFor) =>
        Eventually.ValueAsync(() => Host.InspectAsync(nameOrId), s => condition(s.State), $"{nameOrId}: {waitingFor}");

    public Task<ContainerSnapshot> AwaitStatusAsync(string nameOrId, ContainerStatus status) =>
        AwaitAsync(nameOrId, s => s.Status == status, $"status {status}");

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
        var registry = SupervisionEventTypes.Register(new EventTypeRegistry());
        _persistence = await SqlPersistence.OpenAsync(SqlPersistenceOptions.ForSqliteFile(DatabasePath(Directory)), registry);
        Journal = _wrapJournal is null ? _persistence.Journal : _wrapJournal(_persistence.Journal);
        Host = new ContainerHost(Options, Journal, _persistence.SnapshotStore, _runtimes(), Clock, Logs);
        await Host.StartAsync();
    }

    private async Task CloseAsync()
    {
        if (_persistence is null) return;
        await Host.DisposeAsync();
        await _persistence.DisposeAsync();
        _persistence = null;
    }
}
