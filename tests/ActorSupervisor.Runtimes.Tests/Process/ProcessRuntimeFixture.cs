using ActorSupervisor.Containers.Runtimes.Process;
using ActorSupervisor.Runtimes.Tests.Support;

namespace ActorSupervisor.Runtimes.Tests.Process;

/// <summary>A process runtime per test on its own scratch directories, with the signals it emits recorded.</summary>
public abstract class ProcessRuntimeFixture : IAsyncLifetime
{
    /// <summary>How long a test waits for a workload's signal.</summary>
    protected static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    /// <summary>The test's log directory and cgroup parent, removed at the end.</summary>
    protected ProcessRuntimeScratch Scratch { get; } = new();

    /// <summary>The runtime under test.</summary>
    protected ProcessRuntime Runtime { get; private set; } = null!;

    /// <summary>What <see cref="Runtime"/> reported.</summary>
    protected SignalRecorder Signals { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Runtime = new ProcessRuntime(Scratch.Options);
        Signals = new SignalRecorder(Runtime);
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Scratch.Dispose();
    }
}
