using System.Threading.Channels;
using ActorSupervisor.Containers.Domain;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// Runs workloads for containers and reports what happens to them. Implementations: process (the embedded
/// default), Docker, and a scripted fake. A runtime never decides about restarts; it only does and reports.
/// </summary>
public interface IContainerRuntime : IAsyncDisposable
{
    /// <summary>Which kind of runtime this is.</summary>
    RuntimeKind Kind { get; }

    /// <summary>What this host lets the runtime do (memory limits, OOM detection, how pause works).</summary>
    RuntimeCapabilities Capabilities { get; }

    /// <summary>
    /// Every started, exited, OOM, paused and resumed signal of every workload of this runtime, in the order
    /// they happened for each workload. One reader: the node routes them to the container actors.
    /// </summary>
    ChannelReader<RuntimeSignal> Signals { get; }

    /// <summary>Starts the workload of <paramref name="spec"/> for <paramref name="containerId"/>.</summary>
    /// <exception cref="RuntimeOperationException">The workload could not be started; the message says why.</exception>
    Task<WorkloadHandle> StartAsync(string containerId, ContainerSpec spec, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends <paramref name="signal"/> to the whole workload, then SIGKILL after <paramref name="timeout"/>; completes when
    /// it has exited. Calls <paramref name="escalating"/> (with the time) just before it sends SIGKILL because the workload
    /// outlived <paramref name="timeout"/>: Docker records that as a second <c>kill</c> event (signal 9). Called at most
    /// once, before the workload's exit is reported on <see cref="Signals"/>; not called when the workload exits in time.
    /// </summary>
    Task StopAsync(WorkloadHandle handle, string signal, TimeSpan timeout, Action<DateTimeOffset>? escalating = null, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="signal"/> to the whole workload.</summary>
    Task KillAsync(WorkloadHandle handle, string signal, CancellationToken cancellationToken = default);

    /// <summary>Freezes the workload.</summary>
    Task PauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default);

    /// <summary>Thaws a paused workload.</summary>
    Task UnpauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default);

    /// <summary>Changes the running workload's memory limit now, without a restart (Docker's <c>update --memory</c>).</summary>
    /// <exception cref="RuntimeOperationException">The workload does not run, or this runtime or host cannot limit it.</exception>
    Task UpdateMemoryLimitAsync(WorkloadHandle handle, long memoryLimitBytes, CancellationToken cancellationToken = default) =>
        throw new RuntimeOperationException($"the {Kind.ToString().ToLowerInvariant()} runtime cannot change a running workload's memory limit");

    /// <summary>
    /// Runs a health probe beside the workload, killed after <paramref name="timeout"/>. Its output is kept up to one
    /// byte past Docker's 4096-byte cap, so that the health monitor knows to cut it and append <c>...</c>.
    /// </summary>
    Task<ProbeResult> ExecProbeAsync(WorkloadHandle handle, CommandLine probe, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts <paramref name="request"/> beside the running workload as <c>docker exec</c> does: in its cgroup, as its
    /// user, in its working directory, with its environment.
    /// </summary>
    /// <exception cref="RuntimeOperationException">
    /// The workload does not run or is paused, or the command cannot start: then <see cref="RuntimeOperationException.ExitCode"/>
    /// is Docker's 126 for an exec that cannot start (the Docker runtime reports that as the session's exit code instead).
    /// </exception>
    Task<IExecSession> ExecAsync(WorkloadHandle handle, ExecRequest request, CancellationToken cancellationToken = default) =>
        throw new RuntimeOperationException($"the {Kind.ToString().ToLowerInvariant()} runtime cannot run commands in its workloads");

    /// <summary>The running workload's resource use now; null when it does not run here or this runtime measures nothing.</summary>
    Task<WorkloadStats?> StatsAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => Task.FromResult<WorkloadStats?>(null);

    /// <summary>Whether the workload runs, and how it ended if it does not.</summary>
    Task<WorkloadStatus> InspectAsync(WorkloadHandle handle, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-attaches a workload started before the node restarted: when it still runs, its exit will be reported
    /// on <see cref="Signals"/> as for one started here. Returns its status either way.
    /// </summary>
    Task<WorkloadStatus> AdoptAsync(WorkloadHandle handle, CancellationToken cancellationToken = default);

    /// <summary>The workload's recorded output, oldest first, as the query asks.</summary>
    IAsyncEnumerable<LogLine> ReadLogsAsync(string containerId, LogQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases what this runtime keeps for a removed container (the process runtime: its log directory and cgroup,
    /// killing any process still in it; Docker: the engine's container), once its recorded workload has ended.
    /// Removing a container that left nothing here does nothing. Runtimes that keep nothing per container need not
    /// implement it.
    /// </summary>
    /// <exception cref="RuntimeOperationException">The container's workload is still running here.</exception>
    Task RemoveAsync(string containerId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// The directories (cgroups) under which this runtime keeps its workloads on this host, one subdirectory per
    /// container; a node's fence kills everything under them. Empty when the runtime keeps none (then nothing fences
    /// its workloads when the node cannot).
    /// </summary>
    IReadOnlyList<string> WorkloadGroupParents => [];

    /// <summary>
    /// The containers that have a live workload of this runtime on this host, found from the host itself (cgroups),
    /// whether or not this runtime instance started or watches them. Empty when the runtime cannot tell.
    /// </summary>
    IReadOnlyList<string> ListHostWorkloads() => [];

    /// <summary>Kills with SIGKILL every process of <paramref name="containerId"/>'s workload on this host, watched or not.</summary>
    void KillHostWorkload(string containerId)
    {
    }

    /// <summary>
    /// Kills whatever still runs for <paramref name="containerId"/> although the node has no workload of it on record:
    /// a workload started just before the node died, whose start was never stored (or a store that failed to record it).
    /// Called when a container recovers without a running workload, before anything else is done for it. Returns how
    /// many processes (or engine containers) it killed.
    /// </summary>
    Task<int> KillStraysAsync(string containerId, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
