using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Runtimes.Process.Cgroups;
using ActorSupervisor.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>
/// Runs workloads as Docker containers through the Engine API on its unix socket. Containers carry labels naming
/// this node and the container, Docker's own restart policy is <c>no</c> (the supervisor owns restarts), and
/// exits and OOM kills come from the daemon's event stream, reconciled by inspect whenever that stream
/// reconnects. Daemon errors become <see cref="RuntimeOperationException"/>s with the daemon's message.
/// </summary>
public sealed partial class DockerRuntime : IContainerRuntime
{
    /// <summary>The label holding the node id.</summary>
    public const string NodeLabel = "io.actor-supervisor.node";

    /// <summary>The label holding the container id.</summary>
    public const string ContainerLabel = "io.actor-supervisor.container";

    /// <summary>How long the host-wide calls of a losing or waking node (<see cref="ListHostWorkloads"/>, <see cref="KillHostWorkload"/>) wait for the engine.</summary>
    private static readonly TimeSpan HostCallTimeout = TimeSpan.FromSeconds(5);

    private readonly DockerRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DockerClient _client;
    private readonly Channel<RuntimeSignal> _signals = Channel.CreateUnbounded<RuntimeSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, DockerWorkload> _tracked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WorkloadStatus> _finished = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task _events;
    private readonly IReadOnlyList<string> _cgroupParents;
    private string? _cgroupParent;
    private bool _cgroupDriverKnown;
    private int _placementChecked;

    /// <summary>Creates the runtime and starts following the daemon's events; an unreachable daemon is retried, not fatal.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public DockerRuntime(DockerRuntimeOptions options, ILogger<DockerRuntime>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _client = new DockerClient(options.SocketPath, options.RequestTimeout);
        _cgroupParents = DockerCgroups.Parents(CgroupMounts.ReadHost(), options.NodeId);
        _events = FollowEventsAsync(_disposing.Token);
    }

    /// <inheritdoc />
    /// <remarks>This node's slice in each hierarchy (<see cref="DockerCgroups"/>): the engine creates a container's cgroup there.</remarks>
    public IReadOnlyList<string> WorkloadGroupParents => _cgroupParents;

    /// <inheritdoc />
    public RuntimeKind Kind => RuntimeKind.Docker;

    /// <inheritdoc />
    public RuntimeCapabilities Capabilities { get; } = new(MemoryLimits: true, MemoryMethod: "docker", PauseMethod: "docker", Notes: "");

    /// <inheritdoc />
    public ChannelReader<RuntimeSignal> Signals => _signals.Reader;

    /// <summary>The Docker container name used for <paramref name="containerId"/>.</summary>
    public static string DockerName(string containerId) => "asv-" + containerId;

    /// <inheritdoc />
    public async Task<WorkloadHandle> StartAsync(string containerId, ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        ContainerIds.Check(containerId);
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        if (string.IsNullOrWhiteSpace(spec.Image))
        {
            throw new RuntimeOperationException($"container {containerId}: the Docker runtime needs an image");
        }
        if (spec.MemoryLimitBytes is <= 0)
        {
            throw new RuntimeOperationException($"container {containerId}: memory limit {spec.MemoryLimitBytes} must be positive");
        }
        var stopSignal = SignalNames.Normalize(spec.StopSignal);
        var name = DockerName(containerId);
        // Checked first, so that a start that cannot succeed leaves the previous workload's record in place.
        await Call(() => _client.SendAsync(HttpMethod.Get, $"images/{Uri.EscapeDataString(spec.Image)}/json", cancellationToken: cancellationToken),
            $"container {containerId}").ConfigureAwait(false);
        await RemovePreviousAsync(containerId, name, cancellationToken).ConfigureAwait(false);

        var cgroupParent = await CgroupParentAsync(cancellationToken).ConfigureAwait(false);
        var created = await Call(() => _client.SendAsync(HttpMethod.Post, $"containers/create?name={name}", CreateBody(containerId, spec, stopSignal, cgroupParent), cancellationToken),
            $"container {containerId}: cannot create from image {spec.Image}").ConfigureAwait(false);
        var dockerId = created!.Value.GetProperty("Id").GetString()!;
        // Tracked before it starts, so that an exit the event stream reports at once finds its workload.
        var workload = new DockerWorkload(new WorkloadHandle(containerId, dockerId, _time.GetUtcNow()));
        _tracked[dockerId] = workload;
        try
        {
            await _client.SendAsync(HttpMethod.Post, $"containers/{dockerId}/start", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or RuntimeOperationException)
        {
            _tracked.TryRemove(dockerId, out _);
            workload.ReportStart(false);
            var exitCode = await TryInspectAsync(dockerId, CancellationToken.None).ConfigureAwait(false) is { ExitCode: not 0 } failed ? failed.ExitCode : (int?)null;
            throw new RuntimeOperationException($"container {containerId}: {e.Message}", e) { ExitCode = exitCode };
        }
        var state = await TryInspectAsync(dockerId, cancellationToken).ConfigureAwait(false);
        if (cgroupParent is not null && state is { Pid: > 0 } && Interlocked.Exchange(ref _placementChecked, 1) == 0) CheckPlacement(state.Pid);
        var handle = workload.Handle with { StartedAt = state?.StartedAt ?? workload.Handle.StartedAt };
        _finished.TryRemove(dockerId, out _);
        Emit(new WorkloadStarted(containerId, dockerId, handle.StartedAt, state is { Pid: > 0 } ? state.Pid : null));
        workload.ReportStart(true);
        return handle;
    }


    /// <inheritdoc />
    public async Task StopAsync(WorkloadHandle handle, string signal, TimeSpan timeout, Action<DateTimeOffset>? escalating = null, CancellationToken cancellationToken = default)
    {
        var number = SignalNames.ToNumber(signal);
        // A workload from before a restart that nobody adopted yet is adopted here, so its exit is awaited and reported.
        var workload = Find(handle) ?? ((await AdoptAsync(handle, cancellationToken).ConfigureAwait(false)).Running ? Find(handle) : null);
        if (workload is null)
        {
            return;
        }
        if (workload.Paused && number != SignalNames.Kill)
        {
            // A frozen container cannot act on the stop signal; thaw it so it can shut down in its grace period.
            await UnpauseAsync(handle, cancellationToken).ConfigureAwait(false);
        }
        await SignalAsync(handle, number, ignoreNotRunning: true, cancellationToken).ConfigureAwait(false);
        var graceful = await Task.WhenAny(workload.Exited, Task.Delay(timeout, _time, cancellationToken)).ConfigureAwait(false);
        if (graceful != workload.Exited && !workload.Exited.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            escalating?.Invoke(_time.GetUtcNow());
            await SignalAsync(handle, SignalNames.Kill, ignoreNotRunning: true, cancellationToken).ConfigureAwait(false);
        }
        await WaitForExitAsync(workload, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task KillAsync(WorkloadHandle handle, string signal, CancellationToken cancellationToken = default) =>
        SignalAsync(handle, SignalNames.ToNumber(signal), ignoreNotRunning: false, cancellationToken);

    /// <inheritdoc />
    public Task PauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => SetPausedAsync(handle, true, cancellationToken);

    /// <inheritdoc />
    public Task UnpauseAsync(WorkloadHandle handle, CancellationToken cancellationToken = default) => SetPausedAsync(handle, false, cancellationToken);

    /// <inheritdoc />
    public async Task<WorkloadStatus> InspectAsync(WorkloadHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (_finished.TryGetValue(handle.WorkloadId, out var finished))
        {
            return finished;
        }
        var state = await TryInspectAsync(handle.WorkloadId, cancellationToken).ConfigureAwait(false);
        return state?.ToStatus() ?? new WorkloadStatus(false, null, false, null);
    }

    /// <inheritdoc />
    public async Task<WorkloadStatus> AdoptAsync(WorkloadHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        if (Find(handle) is not null)
        {
            return new WorkloadStatus(true, null, false, null);
        }
        var workload = new DockerWorkload(handle);
        workload.ReportStart(true);
        _tracked[handle.WorkloadId] = workload;
        var state = await TryInspectAsync(handle.WorkloadId, cancellationToken).ConfigureAwait(false);
        if (state is { Running: true })
        {
            workload.Paused = state.Paused;
            _logger.LogInformation("Adopted container {ContainerId}: Docker container {DockerId}", handle.ContainerId, handle.WorkloadId);
            return state.ToStatus();
        }
        // Docker kept the record of how it ended while no node watched.
        _tracked.TryRemove(handle.WorkloadId, out _);
        return state?.ToStatus() ?? new WorkloadStatus(false, null, false, null);
    }

    /// <inheritdoc />
    /// <remarks>Removes the engine's container with its anonymous volumes (its logs and exit record go with it).</remarks>
    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken = default)
    {
        ContainerIds.Check(containerId);
        var name = DockerName(containerId);
        try
        {
            // Forced: an engine container that still runs here is not on record (see KillStraysAsync) and dies with it.
            await _client.SendAsync(HttpMethod.Delete, $"containers/{name}?force=1&v=1", cancellationToken: cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Removed Docker container {Name} of container {ContainerId}", name, containerId);
        }
        catch (DockerApiException e) when (DockerClient.IsNotFound(e))
        {
            // Never started, or removed already.
        }
        catch (DockerApiException e)
        {
            throw new RuntimeOperationException($"container {containerId}: cannot remove Docker container {name}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Asks the engine for its running containers labelled with this node (synchronously: a node losing a lease calls it
    /// from the lease's callback), within <see cref="HostCallTimeout"/>; empty, with a warning, when the engine does not
    /// answer, and then the fence is what kills them when the lease runs out.
    /// </remarks>
    public IReadOnlyList<string> ListHostWorkloads()
    {
        var filters = Filters(new() { ["label"] = [NodeLabelFilter] });
        try
        {
            var listed = _client.SendAsync(HttpMethod.Get, $"containers/json?filters={filters}", timeout: HostCallTimeout).GetAwaiter().GetResult();
            if (listed is not { ValueKind: JsonValueKind.Array } containers) return [];
            return containers.EnumerateArray()
                .Select(c => c.TryGetProperty("Labels", out var labels) && labels.TryGetProperty(ContainerLabel, out var id) ? id.GetString() : null)
                .OfType<string>()
                .ToList();
        }
        catch (Exception e) when (e is DockerApiException or RuntimeOperationException)
        {
            _logger.LogWarning("Docker runtime: the engine did not list this node's containers ({Error})", e.Message);
            return [];
        }
    }

    /// <inheritdoc />
    /// <remarks>Through the engine (SIGKILL to the container, synchronously, within <see cref="HostCallTimeout"/>); one that ended meanwhile is fine.</remarks>
    public void KillHostWorkload(string containerId)
    {
        ContainerIds.Check(containerId);
        try
        {
            SignalAsync(containerId, DockerName(containerId), SignalNames.Kill, ignoreNotRunning: true, CancellationToken.None, HostCallTimeout).GetAwaiter().GetResult();
        }
        catch (RuntimeOperationException e)
        {
            _logger.LogWarning("Docker runtime: container {ContainerId} could not be killed ({Error}); the fence kills it when the lease runs out", containerId, e.Message);
        }
    }

    /// <inheritdoc />
    public async Task<int> KillStraysAsync(string containerId, CancellationToken cancellationToken = default)
    {
        ContainerIds.Check(containerId);
        var name = DockerName(containerId);
        if (await TryInspectAsync(name, cancellationToken).ConfigureAwait(false) is not { Running: true })
        {
            return 0;
        }
        _logger.LogWarning("Container {ContainerId}: Docker container {Name} runs but is not on record; killing it", containerId, name);
        await SignalAsync(containerId, name, SignalNames.Kill, ignoreNotRunning: true, cancellationToken).ConfigureAwait(false);
        return 1;
    }

    /// <summary>Stops following events; containers keep running for the next runtime instance to adopt.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _events.ConfigureAwait(false);
        _client.Dispose();
        _signals.Writer.TryComplete();
        _disposing.Dispose();
    }

    /// <summary>
    /// The cgroup parent for new containers, from the engine's cgroup driver (asked once, when the first container is
    /// created: the engine may be down when the runtime starts). Null for a driver the fence does not know.
    /// </summary>
    private async Task<string?> CgroupParentAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cgroupDriverKnown)) return _cgroupParent;
        var info = await Call(() => _client.SendAsync(HttpMethod.Get, "info", cancellationToken: cancellationToken), "the Docker engine's info").ConfigureAwait(false);
        var driver = info is { } i && i.TryGetProperty("CgroupDriver", out var d) ? d.GetString() : null;
        _cgroupParent = DockerCgroups.ParentFor(driver, _options.NodeId);
        if (_cgroupParent is null)
            _logger.LogWarning("Docker runtime: the engine's cgroup driver is {Driver}; its containers stay in the engine's default cgroups, which no fence of this node covers", driver ?? "unknown");
        Volatile.Write(ref _cgroupDriverKnown, true);
        return _cgroupParent;
    }

    /// <summary>
    /// Checks once that the first container's processes are where the fence looks: an engine in another mount namespace
    /// (the node in a container, the engine on its host) puts them in cgroups this node cannot see, and says nothing.
    /// </summary>
    private void CheckPlacement(int pid)
    {
        string cgroups;
        try
        {
            cgroups = File.ReadAllText($"/proc/{pid}/cgroup");
        }
        catch (IOException)
        {
            cgroups = "";
        }
        var slice = "/" + DockerCgroups.SliceName(_options.NodeId) + "/";
        if (cgroups.Contains(slice, StringComparison.Ordinal) && _cgroupParents.Any(Directory.Exists))
            _logger.LogInformation("Docker runtime: containers of node {NodeId} run under {Parents}, which the node's fence covers", _options.NodeId, string.Join(", ", _cgroupParents));
        else
            _logger.LogWarning("Docker runtime: the engine's containers are not under {Parents} as this node sees the host (another mount namespace?): " +
                "no fence covers them if this node is killed or frozen", string.Join(", ", _cgroupParents));
    }

    private JsonObject CreateBody(string containerId, ContainerSpec spec, string stopSignal, string? cgroupParent)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in spec.Labels)
        {
            labels[key] = value;
        }
        labels[NodeLabel] = _options.NodeId;
        labels[ContainerLabel] = containerId;
        var hostConfig = new JsonObject
        {
            ["RestartPolicy"] = new JsonObject { ["Name"] = "no" },
            ["NetworkMode"] = _options.NetworkMode,
        };
        if (cgroupParent is not null) hostConfig["CgroupParent"] = cgroupParent;
        if (spec.MemoryLimitBytes is { } memory)
        {
            hostConfig["Memory"] = memory;
            // Swap equal to the limit means no swap: past the limit the kernel OOM-kills, as the process runtime does.
            hostConfig["MemorySwap"] = memory;
        }
        if (spec.LogMaxBytes is not null || spec.LogMaxFiles is not null)
        {
            // As docker run --log-opt without --log-driver: the engine's default driver takes them (json-file and local
            // know both names). The size goes as plain bytes, which the engine reads exactly (its units are decimal).
            var config = new JsonObject();
            if (spec.LogMaxBytes is { } maxBytes)
                config[LogOptions.MaxSize] = maxBytes.ToString(CultureInfo.InvariantCulture);
            if (spec.LogMaxFiles is { } maxFiles)
                config[LogOptions.MaxFile] = maxFiles.ToString(CultureInfo.InvariantCulture);
            hostConfig["LogConfig"] = new JsonObject { ["Type"] = "", ["Config"] = config };
        }
        var body = new JsonObject
        {
            ["Image"] = spec.Image,
            ["Env"] = new JsonArray(spec.Env.Select(e => (JsonNode)JsonValue.Create($"{e.Key}={e.Value}")).ToArray()),
            ["Labels"] = labels,
            ["StopSignal"] = stopSignal,
            ["StopTimeout"] = (int)Math.Ceiling(spec.StopTimeout.TotalSeconds),
            ["HostConfig"] = hostConfig,
        };
        if (spec.Command is { Arguments.Count: > 0 } command)
        {
            body["Cmd"] = new JsonArray(command.ToArgv().Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
        }
        if (spec.WorkingDirectory is { Length: > 0 } directory)
        {
            body["WorkingDir"] = directory;
        }
        if (spec.User is { Length: > 0 } user)
        {
            body["User"] = user;
        }
        return body;
    }

    private async Task RemovePreviousAsync(string containerId, string name, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAsync(HttpMethod.Delete, $"containers/{name}?v=1", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (DockerClient.IsNotFound(e))
        {
            // No earlier workload.
        }
        catch (DockerApiException e) when (e.Status == System.Net.HttpStatusCode.Conflict)
        {
            throw new RuntimeOperationException($"container {containerId} already has a running Docker container {name}: {e.Message}", e);
        }
    }

    private Task SignalAsync(WorkloadHandle handle, int signal, bool ignoreNotRunning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return SignalAsync(handle.ContainerId, handle.WorkloadId, signal, ignoreNotRunning, cancellationToken);
    }

    /// <summary>Sends <paramref name="signal"/> to the engine container <paramref name="target"/> (its id or name) of <paramref name="containerId"/>.</summary>
    private async Task SignalAsync(string containerId, string target, int signal, bool ignoreNotRunning, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        try
        {
            await _client.SendAsync(HttpMethod.Post, $"containers/{target}/kill?signal={SignalNames.ToName(signal)}", cancellationToken: cancellationToken, timeout: timeout).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (ignoreNotRunning && e.Status is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
        {
            // It exited meanwhile: the exit is reported as usual.
        }
        catch (DockerApiException e)
        {
            throw new RuntimeOperationException($"container {containerId}: cannot send {SignalNames.ToName(signal)} to {target}: {e.Message}", e);
        }
    }

    /// <summary>Waits for the exit the event stream reports, checking by inspect now and then in case the stream is down.</summary>
    private async Task WaitForExitAsync(DockerWorkload workload, CancellationToken cancellationToken)
    {
        while (!workload.Exited.IsCompleted)
        {
            await Task.WhenAny(workload.Exited, Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!workload.Exited.IsCompleted && await TryInspectAsync(workload.Handle.WorkloadId, cancellationToken).ConfigureAwait(false) is null or { Running: false })
            {
                await FinishAsync(workload).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task UpdateMemoryLimitAsync(WorkloadHandle handle, long memoryLimitBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (memoryLimitBytes <= 0)
        {
            throw new RuntimeOperationException($"container {handle.ContainerId}: memory limit {memoryLimitBytes} must be positive");
        }
        // As at create: swap equal to the limit means no swap, so past the limit the kernel OOM-kills.
        var body = new JsonObject { ["Memory"] = memoryLimitBytes, ["MemorySwap"] = memoryLimitBytes };
        await Call(() => _client.SendAsync(HttpMethod.Post, $"containers/{handle.WorkloadId}/update", body, cancellationToken),
            $"container {handle.ContainerId}: cannot update the memory limit").ConfigureAwait(false);
    }

    private async Task SetPausedAsync(WorkloadHandle handle, bool pause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var action = pause ? "pause" : "unpause";
        await Call(() => _client.SendAsync(HttpMethod.Post, $"containers/{handle.WorkloadId}/{action}", cancellationToken: cancellationToken),
            $"container {handle.ContainerId}: cannot {action}").ConfigureAwait(false);
        if (Find(handle) is { } workload)
        {
            workload.Paused = pause;
        }
        var now = _time.GetUtcNow();
        Emit(pause ? new WorkloadPaused(handle.ContainerId, handle.WorkloadId, now) : new WorkloadResumed(handle.ContainerId, handle.WorkloadId, now));
    }

    private async Task<DockerContainerState?> TryInspectAsync(string dockerId, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await _client.SendAsync(HttpMethod.Get, $"containers/{dockerId}/json", cancellationToken: cancellationToken).ConfigureAwait(false);
            return DockerContainerState.Parse(inspect!.Value);
        }
        catch (DockerApiException e) when (DockerClient.IsNotFound(e))
        {
            return null;
        }
        catch (DockerApiException e)
        {
            throw new RuntimeOperationException($"cannot inspect Docker container {dockerId}: {e.Message}", e);
        }
    }

    private DockerWorkload? Find(WorkloadHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return _tracked.GetValueOrDefault(handle.WorkloadId);
    }

    private void Emit(RuntimeSignal signal) => _signals.Writer.TryWrite(signal);

    private static async Task<JsonElement?> Call(Func<Task<JsonElement?>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new RuntimeOperationException($"{what}: {e.Message}", e);
        }
    }

    /// <summary>The label filter that picks this node's engine containers, and no other node's.</summary>
    private string NodeLabelFilter => $"{NodeLabel}={_options.NodeId}";

    /// <summary>An Engine API <c>filters</c> query value.</summary>
    private static string Filters(Dictionary<string, string[]> filters) => Uri.EscapeDataString(JsonSerializer.Serialize(filters));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
