using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes.Logs;
using ActorSupervisor.Containers.Runtimes.Process.Cgroups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OsProcess = System.Diagnostics.Process;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// The embedded runtime: every workload is a Linux process in a session and process group of its own (with its keeper), inside a
/// cgroup per container when the host allows (memory limit, OOM kills, freezer pause, and a stop that reaches
/// every process it forked). Output goes to rotating per-container files with an in-memory tail. Workloads
/// outlive the runtime: disposing it leaves them running, and a new instance adopts them by handle; each workload's
/// keeper, the runtime's child, records its exit code even when no runtime runs (<see cref="ExitRecord"/>).
/// </summary>
public sealed partial class ProcessRuntime : IContainerRuntime
{
    private readonly ProcessRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CgroupHost _cgroups;
    private readonly string _setsid;
    private readonly Channel<RuntimeSignal> _signals = Channel.CreateUnbounded<RuntimeSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, ProcessWorkload> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string WorkloadId, WorkloadStatus Status)> _finished = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ContainerLog> _logs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _adoptGate = new();
    private readonly SemaphoreSlim _monitorNeeded = new(0);
    private readonly Task _monitor;
    private readonly OutputDrainWatcher? _drain;

    /// <summary>Creates the runtime: checks the options, finds the host's cgroups and starts watching.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="RuntimeOperationException">The host lacks <c>setsid</c> or <c>/bin/sh</c>.</exception>
    public ProcessRuntime(ProcessRuntimeOptions options, ILogger<ProcessRuntime>? logger = null, TimeProvider? time = null)
        : this(options, CgroupMounts.ReadHost(), logger, time)
    {
    }

    internal ProcessRuntime(ProcessRuntimeOptions options, CgroupMounts mounts, ILogger? logger, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists)
            ?? throw new RuntimeOperationException("the process runtime needs setsid (util-linux) at /usr/bin/setsid");
        if (!File.Exists("/bin/sh"))
        {
            throw new RuntimeOperationException("the process runtime needs /bin/sh");
        }
        try
        {
            Logs.ContainerLog.CreatePrivateDirectory(options.LogDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeOperationException($"the process runtime's log directory {options.LogDirectory} cannot be created: {e.Message}", e);
        }
        _cgroups = CgroupHost.Detect(mounts, options.CgroupParent, _logger);
        // Before any pipe is read here: the drain a previous instance left must have logged all it read.
        _drain = options.OutputDrainCommand is { Count: > 0 } drain ? OutputDrainWatcher.Start(options.LogDirectory, drain, _setsid, _logger) : null;
        Capabilities = new RuntimeCapabilities(_cgroups.HasMemory, _cgroups.MemoryMethod, _cgroups.HasFreezer ? "freezer" : "signal", _cgroups.Notes);
        _monitor = MonitorAsync(_disposing.Token);
    }

    /// <inheritdoc />
    public RuntimeKind Kind => RuntimeKind.Process;

    /// <inheritdoc />
    public RuntimeCapabilities Capabilities { get; }

    /// <inheritdoc />
    public ChannelReader<RuntimeSignal> Signals => _signals.Reader;

    /// <inheritdoc />
    public async Task<WorkloadHandle> StartAsync(string containerId, ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        ContainerIds.Check(containerId);
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        if (spec.Command is not { Arguments.Count: > 0 } command || command.Arguments[0].Length == 0)
        {
            throw new RuntimeOperationException($"container {containerId}: the process runtime needs a command");
        }
        if (_running.ContainsKey(containerId))
        {
            throw new RuntimeOperationException($"container {containerId} already has a running workload");
        }
        if (spec.MemoryLimitBytes is <= 0)
        {
            throw new RuntimeOperationException($"container {containerId}: memory limit {spec.MemoryLimitBytes} must be positive");
        }
        SignalNames.ToNumber(spec.StopSignal);
        var argv = command.ToArgv();
        LaunchContext context;
        try
        {
            context = LaunchContext.FromSpec(spec, _options.DefaultPath);
            context.CheckExecutable(argv);
        }
        catch (RuntimeOperationException e)
        {
            throw new RuntimeOperationException($"container {containerId}: {e.Message}", e) { ExitCode = e.ExitCode };
        }

        var log = LogOf(containerId);
        LogSettings.Apply(log, Path.Combine(_options.LogDirectory, containerId), spec.LogMaxBytes ?? _options.LogMaxBytes, spec.LogMaxFiles ?? _options.LogMaxFiles);
        var cgroup = _cgroups.Create(containerId, spec.MemoryLimitBytes);
        var directory = Path.Combine(_options.LogDirectory, containerId);
        var pipes = OutputPipes.Open(directory);
        var record = ExitRecord.In(directory);
        (int Pid, Task<ChildExit> Exit) keeper = default;
        int pid;
        // Docker's StartedAt: the spawn (run times count from it).
        var spawnedAt = _time.GetUtcNow();
        try
        {
            record.Prepare();
            keeper = context.Spawn(argv, pipes, cgroup, record);
            // A keeper that ended before it forked (it could not join the cgroup) stands for its workload: its exit says why.
            pid = await record.WorkloadPidAsync(keeper.Exit).ConfigureAwait(false) ?? keeper.Pid;
        }
        catch (Exception e) when (e is RuntimeOperationException or IOException or UnauthorizedAccessException)
        {
            if (keeper.Exit is not null)
            {
                Native.Kill(keeper.Pid, SignalNames.Kill); // spawned but silent: nothing of it may run on
            }
            cgroup?.KillAll();
            pipes.Dispose();
            cgroup?.TryRemove(TimeSpan.Zero);
            throw new RuntimeOperationException($"container {containerId}: cannot start {command}: {e.Message}", e);
        }
        // Read at once: the pid cannot be reused before the keeper has reaped it, and the keeper before the node reaps the keeper.
        var startTicks = ProcStat.Read(pid)?.StartTicks ?? 0;
        var handle = new WorkloadHandle(containerId, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), spawnedAt, startTicks);
        var workload = new ProcessWorkload(handle, pid, keeper.Pid, context, log, cgroup, spec.MemoryLimitBytes is not null)
        {
            Child = keeper.Exit,
            Pipes = pipes,
            Pumps = pipes.PumpInto(log, _disposing.Token),
        };
        log.BeginWorkload();
        _finished.TryRemove(containerId, out _);
        // Reported before the monitor can see the workload, so no OOM report can come ahead of the start.
        Emit(new WorkloadStarted(containerId, handle.WorkloadId, handle.StartedAt, pid));
        _running[containerId] = workload;
        WakeMonitorFor(workload);
        _ = WatchChildAsync(workload, keeper.Exit);
        return handle;
    }


    /// <inheritdoc />
    public async Task StopAsync(WorkloadHandle handle, string signal, TimeSpan timeout, Action<DateTimeOffset>? escalating = null, CancellationToken cancellationToken = default)
    {
        var number = SignalNames.ToNumber(signal);
        if (await FindOrAdoptAsync(handle, cancellationToken).ConfigureAwait(false) is not { } workload)
        {
            return;
        }
        SignalWorkload(workload, number);
        if (workload.Paused && number != SignalNames.Kill)
        {
            // A frozen process cannot act on the stop signal; thaw it so it can shut down in its grace period.
            try
            {
                await UnpauseAsync(handle, cancellationToken).ConfigureAwait(false);
            }
            catch (RuntimeOperationException)
            {
                // Thawed and gone before the thaw could be confirmed (its cgroup went with it): the exit is what a stop wants.
            }
        }
        var graceful = await Task.WhenAny(workload.Exited, Task.Delay(timeout, _time, cancellationToken)).ConfigureAwait(false);
        if (graceful != workload.Exited && !workload.Exited.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            escalating?.Invoke(_time.GetUtcNow());
            SignalWorkload(workload, SignalNames.Kill);
        }
        await workload.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task KillAsync(WorkloadHandle handle, string signal, CancellationToken cancellationToken = default)
    {
        var number = SignalNames.ToNumber(signal);
        var workload = await FindOrAdoptAsync(handle, cancellationToken).ConfigureAwait(false) ?? throw NotRunning(handle);
        SignalWorkload(workload, number);
    }

    /// <inheritdoc />
    public async Task UpdateMemoryLimitAsync(WorkloadHandle handle, long memoryLimitBytes, CancellationToken cancellationToken = default)
    {
        if (memoryLimitBytes <= 0)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: memory limit {memoryLimitBytes} must be positive");
        }
        var workload = await FindOrAdoptAsync(handle, cancellationToken).ConfigureAwait(false) ?? throw NotRunning(handle);
        if (workload.Cgroup is not { HasMemory: true } cgroup)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: this host gives the node no memory cgroup, so no limit can be applied ({_cgroups.Notes})");
        }
        // The kernel applies it at once: past the new limit it reclaims, then OOM-kills inside the cgroup.
        cgroup.SetMemoryLimit(memoryLimitBytes);
        workload.MemoryLimited = true;
        WakeMonitorFor(workload);
    }

    /// <inheritdoc />
    public Task PauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => SetPausedAsync(handle, true, cancellationToken);

    /// <inheritdoc />
    public Task UnpauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => SetPausedAsync(handle, false, cancellationToken);

    /// <inheritdoc />
    public Task<WorkloadStatus> InspectAsync(WorkloadHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (Find(handle) is not null)
        {
            return Task.FromResult(new WorkloadStatus(true, null, false, null));
        }
        if (_finished.TryGetValue(handle.ContainerId, out var last) && last.WorkloadId == handle.WorkloadId)
        {
            return Task.FromResult(last.Status);
        }
        var alive = TryParsePid(handle, out var pid) && ProcStat.IsAlive(pid, handle.StartTicks);
        return Task.FromResult(new WorkloadStatus(alive, null, false, null));
    }

    /// <inheritdoc />
    public Task<WorkloadStatus> AdoptAsync(WorkloadHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ContainerIds.Check(handle.ContainerId);
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        lock (_adoptGate)
        {
            return Task.FromResult(Adopt(handle));
        }
    }

    private WorkloadStatus Adopt(WorkloadHandle handle)
    {
        if (Find(handle) is not null)
        {
            return new WorkloadStatus(true, null, false, null);
        }
        if (_finished.TryGetValue(handle.ContainerId, out var last) && last.WorkloadId == handle.WorkloadId)
        {
            return last.Status;
        }
        var cgroup = _cgroups.Existing(handle.ContainerId);
        if (!TryParsePid(handle, out var pid) || !ProcStat.IsAlive(pid, handle.StartTicks))
        {
            // Gone while no runtime watched it: its keeper recorded its exit code, and an OOM kill is on the cgroup's record.
            // The cgroup belongs to the container: while a newer workload of it runs here, it is that one's.
            if (_running.ContainsKey(handle.ContainerId))
            {
                return new WorkloadStatus(false, null, false, null);
            }
            var oomKilled = cgroup is { Exists: true } && cgroup.ReadOomKills() > 0;
            cgroup?.KillAll();
            cgroup?.TryRemove(TimeSpan.FromSeconds(1));
            var recorded = RecordedExit(handle.ContainerId, pid);
            return new WorkloadStatus(false, recorded?.Code, oomKilled, recorded?.EndedAt);
        }
        if (cgroup is not null && !cgroup.Pids().Contains(pid))
        {
            // Alive, but not in this host's cgroup of the container: another node's workload on the same machine (or an
            // unrelated process that got the pid). Never this node's to adopt or to kill: it counts as gone from here.
            _logger.LogInformation("Container {ContainerId}: pid {Pid} is not in this runtime's cgroup; not adopted", handle.ContainerId, pid);
            return new WorkloadStatus(false, null, false, null);
        }
        if (_running.ContainsKey(handle.ContainerId))
        {
            throw new RuntimeOperationException($"container {handle.ContainerId} already has a running workload here; pid {pid} cannot be adopted beside it");
        }
        var log = LogOf(handle.ContainerId);
        var directory = Path.Combine(_options.LogDirectory, handle.ContainerId);
        var pipes = OutputPipes.ExistIn(directory) ? OutputPipes.Open(directory) : null;
        var adoptedCgroup = cgroup is { Exists: true } ? cgroup : null;
        var group = ProcStat.Read(pid)?.ProcessGroup ?? pid;
        var workload = new ProcessWorkload(handle, pid, group, LaunchContext.FromRunningProcess(pid, _options.DefaultPath), log, adoptedCgroup, memoryLimited: true)
        {
            Pipes = pipes,
            Pumps = pipes?.PumpInto(log, _disposing.Token) ?? Task.CompletedTask,
            OomKillsReported = adoptedCgroup?.ReadOomKills() ?? 0,
        };
        log.BeginWorkload();
        _running[handle.ContainerId] = workload;
        WakeMonitorFor(workload);
        _logger.LogInformation("Adopted container {ContainerId}: pid {Pid}", handle.ContainerId, pid);
        return new WorkloadStatus(true, null, false, null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LogLine> ReadLogsAsync(string containerId, LogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ContainerIds.Check(containerId);
        ArgumentNullException.ThrowIfNull(query);
        if (!_logs.ContainsKey(containerId) && !Directory.Exists(Path.Combine(_options.LogDirectory, containerId)))
        {
            yield break;
        }
        await foreach (var line in LogOf(containerId).ReadAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken = default)
    {
        ContainerIds.Check(containerId);
        if (_running.ContainsKey(containerId))
        {
            throw new RuntimeOperationException($"container {containerId} still has a running workload; stop or kill it before removing it");
        }
        var directory = Path.Combine(_options.LogDirectory, containerId);
        // Whatever still runs in the container's cgroup (a workload this runtime never recorded) dies with it. Its keeper
        // goes first (SIGKILL, the one signal it cannot catch): it would append the exit code into the directory being
        // removed, and the directory's removal would fail on the file it recreated.
        if (ExitRecord.In(directory).Keeper() is { } keeper)
        {
            Native.Kill(keeper, SignalNames.Kill);
        }
        await ReleaseCgroupAsync(containerId, "removed").ConfigureAwait(false);
        if (_logs.TryRemove(containerId, out var log))
        {
            log.Dispose();
        }
        _finished.TryRemove(containerId, out _);
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
                _logger.LogInformation("Removed the logs of container {ContainerId}", containerId);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeOperationException($"the logs of container {containerId} in {directory} cannot be removed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> WorkloadGroupParents => _cgroups.Parents;

    /// <inheritdoc />
    public IReadOnlyList<string> ListHostWorkloads() => _cgroups.Populated();

    /// <inheritdoc />
    public void KillHostWorkload(string containerId)
    {
        ContainerIds.Check(containerId);
        _cgroups.Existing(containerId)?.KillAll();
    }

    /// <inheritdoc />
    public async Task<int> KillStraysAsync(string containerId, CancellationToken cancellationToken = default)
    {
        ContainerIds.Check(containerId);
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        var killed = 0;
        if (_running.TryGetValue(containerId, out var workload))
        {
            // Started here, but the store never recorded the start (it failed, and the container recovered without it).
            _logger.LogWarning("Container {ContainerId}: workload {Pid} runs but is not on record; killing it", containerId, workload.Pid);
            SignalWorkload(workload, SignalNames.Kill);
            await workload.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            killed++;
        }
        return killed + await ReleaseCgroupAsync(containerId, "not on record").ConfigureAwait(false);
    }

    /// <summary>
    /// Kills every process left in the container's cgroup and removes it; returns how many it killed. A cgroup the kernel
    /// has not emptied within <see cref="StrayPatience"/> is reported and left (the next workload of the id clears it):
    /// its processes are SIGKILLed and dying, and removing the container must not fail on them.
    /// </summary>
    private async Task<int> ReleaseCgroupAsync(string containerId, string why)
    {
        if (_cgroups.Existing(containerId) is not { Exists: true } cgroup)
        {
            return 0;
        }
        var strays = cgroup.Pids();
        if (strays.Count > 0)
        {
            _logger.LogWarning("Container {ContainerId}: killing {Count} process(es) left in its cgroup ({Pids}): the container is {Why}",
                containerId, strays.Count, string.Join(' ', strays), why);
        }
        cgroup.KillAll();
        if (!cgroup.TryRemove(TimeSpan.Zero) && !await Task.Run(() => cgroup.TryRemove(StrayPatience)).ConfigureAwait(false))
        {
            _logger.LogWarning("Container {ContainerId}: its cgroup still holds killed process(es) ({Pids}) after {Patience}; it is left for the kernel to empty",
                containerId, string.Join(' ', cgroup.Pids()), StrayPatience);
        }
        return strays.Count;
    }

    /// <summary>
    /// Stops watching: output is no longer read here (the drain reads it, with <see cref="ProcessRuntimeOptions.OutputDrainCommand"/>)
    /// and no more signals come, but workloads keep running (Docker's live-restore) for the next runtime instance to adopt.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _monitor.ConfigureAwait(false);
        _monitorNeeded.Dispose();
        foreach (var workload in _running.Values)
        {
            workload.Pipes?.Dispose();
            await workload.Pumps.ConfigureAwait(false);
        }
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }
        // Only once the logs are closed: the drain writes them from now on (if any workload is left to drain, adopted or not).
        if (_running.IsEmpty && _cgroups.Populated().Count == 0)
        {
            _drain?.Cancel();
        }
        else
        {
            _drain?.Dispose();
        }
        _signals.Writer.TryComplete();
        _disposing.Dispose();
    }

    private ProcessWorkload? Find(WorkloadHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return _running.TryGetValue(handle.ContainerId, out var workload) && workload.Handle.WorkloadId == handle.WorkloadId ? workload : null;
    }

    /// <summary>A workload this instance watches, or one still running from before that it adopts first.</summary>
    private async Task<ProcessWorkload?> FindOrAdoptAsync(WorkloadHandle handle, CancellationToken cancellationToken) =>
        Find(handle) ?? ((await AdoptAsync(handle, cancellationToken).ConfigureAwait(false)).Running ? Find(handle) : null);

    /// <summary>The exit its keeper recorded for workload <paramref name="pid"/> of the container, dated no later than now.</summary>
    private (int Code, DateTimeOffset EndedAt)? RecordedExit(string containerId, int pid) =>
        ExitRecord.In(Path.Combine(_options.LogDirectory, containerId)).Read(pid) is { } recorded
            ? (recorded.Code, Min(recorded.EndedAt, _time.GetUtcNow()))
            : null;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private ContainerLog LogOf(string containerId) =>
        _logs.GetOrAdd(containerId, id =>
        {
            // The container's own settings, recorded by its last start, hold for a workload adopted after a node restart too.
            var directory = Path.Combine(_options.LogDirectory, id);
            var (maxBytes, maxFiles) = LogSettings.Read(directory) ?? (_options.LogMaxBytes, _options.LogMaxFiles);
            return new ContainerLog(directory, maxBytes, maxFiles, _options.TailLines, _time);
        });

    private static void SignalWorkload(ProcessWorkload workload, int signal)
    {
        // An adopted pid could have been reused by an unrelated process since: never signal that one.
        if (workload.Child is null && !ProcStat.IsAlive(workload.Pid, workload.Handle.StartTicks))
        {
            return;
        }
        Native.KillGroup(workload.Group, signal);
        if (signal == SignalNames.Kill)
        {
            workload.Cgroup?.KillAll();
        }
    }

    /// <summary>Freezes or thaws through the freezer cgroup, else stops or continues the process group.</summary>
    private async Task SetPausedAsync(WorkloadHandle handle, bool pause, CancellationToken cancellationToken)
    {
        var workload = await FindOrAdoptAsync(handle, cancellationToken).ConfigureAwait(false) ?? throw NotRunning(handle);
        lock (workload.Gate)
        {
            if (workload.Paused == pause)
            {
                throw new RuntimeOperationException($"container {handle.ContainerId} is {(pause ? "already" : "not")} paused");
            }
            workload.Paused = pause;
        }
        if (workload.Cgroup is { HasFreezer: true } cgroup)
        {
            await (pause ? cgroup.FreezeAsync(cancellationToken) : cgroup.ThawAsync(cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            Native.KillGroup(workload.Group, pause ? SignalNames.Stop : SignalNames.Continue);
        }
        var now = _time.GetUtcNow();
        Emit(pause ? new WorkloadPaused(handle.ContainerId, handle.WorkloadId, now) : new WorkloadResumed(handle.ContainerId, handle.WorkloadId, now));
    }

    private void Emit(RuntimeSignal signal) => _signals.Writer.TryWrite(signal);

    private static bool TryParsePid(WorkloadHandle handle, out int pid) =>
        int.TryParse(handle.WorkloadId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pid) && pid > 0;

    private static RuntimeOperationException NotRunning(WorkloadHandle handle) =>
        new($"container {handle.ContainerId} has no running workload {handle.WorkloadId}");

}
