using System.Threading.Channels;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Hosting;
using Akka.Actor;

namespace ActorSupervisor.Supervision.Workloads;

/// <summary>
/// This node's answerer for the workloads it hosts (<c>/user/workload-reader</c>): another node's API asks it for a
/// container's log lines, for an exec beside its workload, and for stats readings, over Akka remoting. Logs and
/// execs are sessions (<see cref="WorkloadSession"/>, a child each) that the requester pulls from; stats are one
/// answer. It answers only for containers whose entity this node hosts: one that moved is <c>unavailable</c>.
/// </summary>
internal sealed class WorkloadReader : ReceiveActor
{
    /// <summary>Its name under <c>/user</c>, the same on every node.</summary>
    public const string Name = "workload-reader";

    private readonly string _selfNode;
    private readonly ContainerDirectory _directory;
    private readonly IReadOnlyDictionary<RuntimeKind, IContainerRuntime> _runtimes;
    private readonly string _selfAddress;

    /// <summary>The reader of node <paramref name="selfNode"/> (reachable at <paramref name="selfAddress"/>).</summary>
    public WorkloadReader(string selfNode, ContainerDirectory directory, IReadOnlyDictionary<RuntimeKind, IContainerRuntime> runtimes, string selfAddress)
    {
        _selfNode = selfNode;
        _directory = directory;
        _runtimes = runtimes;
        _selfAddress = selfAddress;
        Receive<LogsOpen>(open => Open(open.ContainerId, state => OpenLogsAsync(open, state)));
        Receive<ExecOpen>(open => Open(open.ContainerId, state => ct => OpenExecAsync(open, state, ct)));
        Receive<StatsRead>(_ => ReadStatsAsync().PipeTo(Sender));
    }

    private void Open(string containerId, Func<ContainerState, Func<CancellationToken, Task<WorkloadSession.Source>>> opener)
    {
        if (!_directory.TryGet(containerId, out var entry))
        {
            Sender.Tell(new WorkloadRefused(WorkloadRefusal.NotFound, containerId, $"No such container: {containerId}"));
            return;
        }
        if (entry.Node != _selfNode || entry.State.Spec is null)
        {
            Sender.Tell(new WorkloadRefused(WorkloadRefusal.Unavailable, containerId, $"it is hosted on {entry.Node}, not {_selfNode} (it moved)"));
            return;
        }
        if (!SessionAdmission.TakesNewSessions(Akka.Cluster.Cluster.Get(Context.System).SelfMember.Status,
                CoordinatedShutdown.Get(Context.System).ShutdownReason is not null))
        {
            Sender.Tell(new WorkloadRefused(WorkloadRefusal.Unavailable, containerId, SessionAdmission.LeavingMessage(_selfNode)));
            return;
        }
        Context.ActorOf(Props.Create(() => new WorkloadSession(containerId, opener(entry.State), Sender, _selfAddress)));
    }

    private Func<CancellationToken, Task<WorkloadSession.Source>> OpenLogsAsync(LogsOpen open, ContainerState state) => cancellationToken =>
    {
        var runtime = Runtime(state);
        var channel = Channel.CreateBounded<WorkloadItem>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
        _ = PumpAsync(channel.Writer, runtime.ReadLogsAsync(open.ContainerId, new LogQuery(open.Tail, open.Since, open.Follow), cancellationToken),
            line => new WorkloadItem(line.Stream == LogStream.Stderr, line.Timestamp, line.Text), cancellationToken);
        return Task.FromResult(new WorkloadSession.Source(channel.Reader, null, null));
    };

    private async Task<WorkloadSession.Source> OpenExecAsync(ExecOpen open, ContainerState state, CancellationToken cancellationToken)
    {
        if (state.Status == ContainerStatus.Paused)
            throw new CommandRejectedException(open.ContainerId, $"container {state.Spec!.Name} is paused, unpause the container before exec");
        if (state.Status != ContainerStatus.Running || state.WorkloadId is null)
            throw new CommandRejectedException(open.ContainerId, $"container {state.Spec!.Name} is not running");
        var handle = new WorkloadHandle(open.ContainerId, state.WorkloadId, state.StartedAt ?? DateTimeOffset.MinValue, state.StartTicks);
        var exec = await Runtime(state).ExecAsync(handle, new ExecRequest(open.Argv, open.Stdin, open.Tty), cancellationToken);
        var channel = Channel.CreateBounded<WorkloadItem>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        _ = PumpAsync(channel.Writer, exec.Output.ReadAllAsync(cancellationToken), chunk => new WorkloadItem(chunk.Stream == LogStream.Stderr, Data: chunk.Data.ToArray()),
            cancellationToken);
        return new WorkloadSession.Source(channel.Reader, exec.Exited, exec);
    }

    private IContainerRuntime Runtime(ContainerState state) =>
        _runtimes.TryGetValue(state.Spec!.Runtime, out var runtime)
            ? runtime
            : throw new RuntimeOperationException($"the {state.Spec.Runtime.ToString().ToLowerInvariant()} runtime is not available on node {_selfNode}");

    /// <summary>Copies <paramref name="source"/> into <paramref name="writer"/> (waiting while it is full), then completes it.</summary>
    private static async Task PumpAsync<T>(ChannelWriter<WorkloadItem> writer, IAsyncEnumerable<T> source, Func<T, WorkloadItem> map, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken))
                await writer.WriteAsync(map(item), cancellationToken);
            writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    private async Task<StatsReadings> ReadStatsAsync()
    {
        var readings = new List<StatsReading>();
        foreach (var (id, entry) in _directory.All)
        {
            var state = entry.State;
            if (entry.Node != _selfNode || state.Status is not (ContainerStatus.Running or ContainerStatus.Paused) || state.WorkloadId is null || state.Spec is null)
                continue;
            if (!_runtimes.TryGetValue(state.Spec.Runtime, out var runtime)) continue;
            try
            {
                var handle = new WorkloadHandle(id, state.WorkloadId, state.StartedAt ?? DateTimeOffset.MinValue, state.StartTicks);
                if (await runtime.StatsAsync(handle) is { } s)
                    readings.Add(new StatsReading(id, s.At, s.CpuTime.Ticks, s.MemoryBytes, s.MemoryLimitBytes, s.Pids, s.BlockReadBytes, s.BlockWriteBytes,
                        s.NetReceivedBytes, s.NetSentBytes));
            }
            catch (RuntimeOperationException)
            {
                // It ended between the listing and the reading, or its runtime cannot answer now: left out of this reading.
            }
        }
        return new StatsReadings(_selfNode, readings);
    }

    /// <summary>The refusal for what opening a session threw.</summary>
    public static WorkloadRefused Refusal(string containerId, Exception error) => error switch
    {
        AggregateException { InnerExceptions: [var inner] } => Refusal(containerId, inner),
        ContainerNotFoundException => new(WorkloadRefusal.NotFound, containerId, error.Message),
        CommandRejectedException => new(WorkloadRefusal.Rejected, containerId, error.Message),
        ContainerUnavailableException unavailable => new(WorkloadRefusal.Unavailable, containerId, unavailable.Reason),
        RuntimeOperationException runtime => new(WorkloadRefusal.Runtime, containerId, runtime.Message, runtime.ExitCode),
        _ => new(WorkloadRefusal.Runtime, containerId, $"{error.GetType().Name}: {error.Message}"),
    };

    /// <summary>The exception the requester throws for <paramref name="refused"/> (the API maps it as for a local call).</summary>
    public static Exception ToException(WorkloadRefused refused) => refused.Kind switch
    {
        WorkloadRefusal.NotFound => new ContainerNotFoundException(refused.ContainerId),
        WorkloadRefusal.Rejected => new CommandRejectedException(refused.ContainerId, refused.Reason),
        WorkloadRefusal.Unavailable => new ContainerUnavailableException(refused.ContainerId, refused.Reason),
        _ => new RuntimeOperationException(refused.Reason) { ExitCode = refused.ExitCode },
    };
}
