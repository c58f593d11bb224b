using System.Net;
using System.Runtime.CompilerServices;
using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>
/// An in-memory stand-in for the node, for unit tests of the CLI's handlers and views: canned answers,
/// a log of calls, 404 for unknown containers, and injectable refusals.
/// </summary>
internal sealed class FakeNodeClient : IActorSupervisorClient
{
    public Uri NodeUrl { get; } = new("http://127.0.0.1:7411");

    public List<ContainerSummary> Containers { get; } = [];

    public Dictionary<string, ContainerInfo> Infos { get; } = new();

    public Dictionary<string, List<ContainerEvent>> Histories { get; } = new();

    public List<ContainerEvent> Events { get; } = [];

    public List<LogLine> Logs { get; } = [];

    public NodeInfo? Node { get; set; }

    public ClusterView? Cluster { get; set; }

    public ShardsView? Shards { get; set; }

    /// <summary>Thrown by the stream after its events, to act out a lost connection.</summary>
    public Exception? StreamEndsWith { get; set; }

    /// <summary>Scripts for successive event streams (events, then how it ends); when used up, <see cref="Events"/> and <see cref="StreamEndsWith"/>.</summary>
    public Queue<(ContainerEvent[] Events, Exception? End)> EventStreams { get; } = new();

    /// <summary>Scripts for successive log streams (lines, then how it ends); when used up, <see cref="Logs"/> then open.</summary>
    public Queue<(LogLine[] Lines, Exception? End)> LogStreams { get; } = new();

    /// <summary>Every event query, in order.</summary>
    public List<EventQuery> EventQueries { get; } = [];

    /// <summary>Called when a stream has yielded everything; the stream then stays open until cancelled.</summary>
    public Action? StaysOpenAfterStreaming { get; set; }

    /// <summary>How many streams still end in order (as on a node's orderly stop) before <see cref="StaysOpenAfterStreaming"/> applies.</summary>
    public int CleanEnds { get; set; }

    /// <summary>Each call as "verb target args".</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Calls (as logged) that the node refuses with 409.</summary>
    public Dictionary<string, string> Refusals { get; } = new();

    public EventQuery? LastEventQuery { get; private set; }

    public LogQuery? LastLogQuery { get; private set; }

    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(bool all = false, IEnumerable<string>? filters = null, CancellationToken cancellationToken = default)
    {
        Log($"list all={all} filters={string.Join(',', filters ?? [])}");
        return Task.FromResult<IReadOnlyList<ContainerSummary>>(Containers);
    }

    public Task<ContainerInfo> CreateContainerAsync(RawContainerSpec spec, bool start = false, CancellationToken cancellationToken = default)
    {
        Log($"create {spec.Name} start={start}");
        var info = Samples.Info(spec.Name!, start ? ContainerStates.Running : ContainerStates.Created) with { Spec = spec };
        Infos[spec.Name!] = info;
        return Task.FromResult(info);
    }

    public Task<ContainerInfo> InspectContainerAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        Answer($"inspect {nameOrId}", nameOrId);

    public Task<ContainerInfo> InspectContainerAtAsync(string nameOrId, string at, CancellationToken cancellationToken = default) =>
        Answer($"inspect {nameOrId} at={at}", nameOrId);

    public Task<ContainerInfo> StartContainerAsync(string nameOrId, CancellationToken cancellationToken = default) => Answer($"start {nameOrId}", nameOrId);

    public Task<ContainerInfo> StopContainerAsync(string nameOrId, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        Answer($"stop {nameOrId} t={timeoutSeconds}", nameOrId);

    public Task<ContainerInfo> RestartContainerAsync(string nameOrId, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        Answer($"restart {nameOrId} t={timeoutSeconds}", nameOrId);

    public Task<ContainerInfo> KillContainerAsync(string nameOrId, string? signal = null, CancellationToken cancellationToken = default) =>
        Answer($"kill {nameOrId} signal={signal}", nameOrId);

    public Task<ContainerInfo> PauseContainerAsync(string nameOrId, CancellationToken cancellationToken = default) => Answer($"pause {nameOrId}", nameOrId);

    public Task<ContainerInfo> UnpauseContainerAsync(string nameOrId, CancellationToken cancellationToken = default) => Answer($"unpause {nameOrId}", nameOrId);

    public async Task RemoveContainerAsync(string nameOrId, bool force = false, CancellationToken cancellationToken = default)
    {
        await Answer($"rm {nameOrId} force={force}", nameOrId);
        Infos.Remove(nameOrId);
    }

    public Task<ContainerInfo> UpdateContainerAsync(string nameOrId, UpdateRequest update, CancellationToken cancellationToken = default) =>
        Answer($"update {nameOrId} restart={update.Restart}", nameOrId);

    public Task<IReadOnlyList<LogLine>> GetLogsAsync(string nameOrId, LogQuery? query = null, CancellationToken cancellationToken = default)
    {
        LastLogQuery = query;
        Log($"logs {nameOrId}");
        return Task.FromResult<IReadOnlyList<LogLine>>(Logs);
    }

    public async IAsyncEnumerable<LogLine> FollowLogsAsync(string nameOrId, LogQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastLogQuery = query;
        Log($"logs -f {nameOrId}");
        var (lines, end) = LogStreams.Count > 0 ? LogStreams.Dequeue() : (Logs.ToArray(), null);
        foreach (var line in lines)
        {
            await Task.Yield();
            yield return line;
        }
        if (end is not null) throw end;
        await StayOpenAsync(cancellationToken);
    }

    public Task<int> ExecAsync(string nameOrId, ExecOptions options, Stream? input, Stream output, Stream error, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("exec is tested end to end against a real node");

    public Task<IReadOnlyList<ContainerStats>> GetStatsAsync(IEnumerable<string>? containers = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("stats are tested end to end against a real node");

    public Task<IReadOnlyList<ContainerEvent>> GetHistoryAsync(string nameOrId, HistoryQuery? query = null, CancellationToken cancellationToken = default)
    {
        Log($"history {nameOrId} limit={query?.Limit} since={query?.Since} until={query?.Until}");
        return Histories.TryGetValue(nameOrId, out var events)
            ? Task.FromResult<IReadOnlyList<ContainerEvent>>(events)
            : Task.FromException<IReadOnlyList<ContainerEvent>>(NotFound(nameOrId));
    }

    public async IAsyncEnumerable<ContainerEvent> StreamEventsAsync(EventQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastEventQuery = query;
        EventQueries.Add(query!);
        Log("events");
        var (events, end) = EventStreams.Count > 0 ? EventStreams.Dequeue() : (Events.ToArray(), StreamEndsWith);
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e;
        }
        if (end is not null) throw end;
        await StayOpenAsync(cancellationToken);
    }

    private async Task StayOpenAsync(CancellationToken cancellationToken)
    {
        if (CleanEnds > 0)
        {
            CleanEnds--;
            return;
        }
        if (StaysOpenAfterStreaming is not { } streamed) return;
        streamed();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task<NodeInfo> GetNodeInfoAsync(CancellationToken cancellationToken = default) => Task.FromResult(Node!);

    public Task<ClusterView> GetClusterMembersAsync(CancellationToken cancellationToken = default) => Task.FromResult(Cluster!);

    public Task<ShardsView> GetShardsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Shards!);

    public Task<ActorTreeView> GetNodeActorsAsync(bool all = false, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the fake node has no actors");

    public Task<IReadOnlyList<NodeLogEntry>> GetNodeLogsAsync(int? tail = null, string? level = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the fake node keeps no log");

    public IAsyncEnumerable<NodeLogEntry> FollowNodeLogsAsync(int? tail = null, string? level = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the fake node keeps no log");

    public Task<ClusterView> JoinClusterAsync(string address, CancellationToken cancellationToken = default) => Task.FromResult(Cluster!);

    public Task<ClusterView> LeaveClusterAsync(string? node = null, CancellationToken cancellationToken = default) => Task.FromResult(Cluster!);

    public Task<ClusterView> DownMemberAsync(string node, CancellationToken cancellationToken = default) => Task.FromResult(Cluster!);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task<string> GetMetricsTextAsync(CancellationToken cancellationToken = default) => Task.FromResult("");

    public static ApiException NotFound(string name) =>
        new(HttpStatusCode.NotFound, new ApiError(ErrorCodes.NotFound, $"no container named {name}"));

    private Task<ContainerInfo> Answer(string call, string nameOrId)
    {
        Log(call);
        if (Refusals.TryGetValue(call, out var reason))
            return Task.FromException<ContainerInfo>(new ApiException(HttpStatusCode.Conflict, new ApiError(ErrorCodes.Conflict, reason)));
        return Infos.TryGetValue(nameOrId, out var info) ? Task.FromResult(info) : Task.FromException<ContainerInfo>(NotFound(nameOrId));
    }

    private void Log(string call) => Calls.Add(call);

    public Task<GroupInfo> CreateGroupAsync(GroupCreateRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException("the fake node has no groups");
    public Task<IReadOnlyList<GroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException("the fake node has no groups");
    public Task<GroupInfo> InspectGroupAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException("the fake node has no groups");
    public Task<GroupInfo> GroupVerbAsync(string name, string verb, CancellationToken cancellationToken = default) => throw new NotSupportedException("the fake node has no groups");
    public Task RemoveGroupAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException("the fake node has no groups");
}
