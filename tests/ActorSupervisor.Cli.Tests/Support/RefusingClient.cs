using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>A client whose every call fails with one exception: a refusal or an unreachable node.</summary>
internal sealed class RefusingClient(Exception failure) : IActorSupervisorClient
{
    public Uri NodeUrl { get; } = new("http://10.9.8.7:7411");

    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(bool all = false, IEnumerable<string>? filters = null, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<ContainerSummary>>();

    public Task<ContainerInfo> CreateContainerAsync(RawContainerSpec spec, bool start = false, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<ContainerInfo> InspectContainerAsync(string nameOrId, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<ContainerInfo> InspectContainerAtAsync(string nameOrId, string at, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<ContainerInfo> StartContainerAsync(string nameOrId, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<ContainerInfo> StopContainerAsync(string nameOrId, int? timeoutSeconds = null, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<ContainerInfo> RestartContainerAsync(string nameOrId, int? timeoutSeconds = null, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<ContainerInfo> KillContainerAsync(string nameOrId, string? signal = null, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<ContainerInfo> PauseContainerAsync(string nameOrId, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<ContainerInfo> UnpauseContainerAsync(string nameOrId, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task RemoveContainerAsync(string nameOrId, bool force = false, CancellationToken cancellationToken = default) => Fail<bool>();

    public Task<ContainerInfo> UpdateContainerAsync(string nameOrId, UpdateRequest update, CancellationToken cancellationToken = default) => Fail<ContainerInfo>();

    public Task<IReadOnlyList<LogLine>> GetLogsAsync(string nameOrId, LogQuery? query = null, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<LogLine>>();

    public IAsyncEnumerable<LogLine> FollowLogsAsync(string nameOrId, LogQuery? query = null, CancellationToken cancellationToken = default) => Stream<LogLine>();

    public Task<int> ExecAsync(string nameOrId, ExecOptions options, Stream? input, Stream output, Stream error, CancellationToken cancellationToken = default) => Fail<int>();

    public Task<IReadOnlyList<ContainerStats>> GetStatsAsync(IEnumerable<string>? containers = null, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<ContainerStats>>();

    public Task<IReadOnlyList<ContainerEvent>> GetHistoryAsync(string nameOrId, HistoryQuery? query = null, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<ContainerEvent>>();

    public IAsyncEnumerable<ContainerEvent> StreamEventsAsync(EventQuery? query = null, CancellationToken cancellationToken = default) => Stream<ContainerEvent>();

    public Task<NodeInfo> GetNodeInfoAsync(CancellationToken cancellationToken = default) => Fail<NodeInfo>();

    public Task<ClusterView> GetClusterMembersAsync(CancellationToken cancellationToken = default) => Fail<ClusterView>();

    public Task<ShardsView> GetShardsAsync(CancellationToken cancellationToken = default) => Fail<ShardsView>();

    public Task<ActorTreeView> GetNodeActorsAsync(bool all = false, CancellationToken cancellationToken = default) => Fail<ActorTreeView>();

    public Task<IReadOnlyList<NodeLogEntry>> GetNodeLogsAsync(int? tail = null, string? level = null, CancellationToken cancellationToken = default) => Fail<IReadOnlyList<NodeLogEntry>>();

    public IAsyncEnumerable<NodeLogEntry> FollowNodeLogsAsync(int? tail = null, string? level = null, CancellationToken cancellationToken = default) => Stream<NodeLogEntry>();

    public Task<ClusterView> JoinClusterAsync(string address, CancellationToken cancellationToken = default) => Fail<ClusterView>();

    public Task<ClusterView> LeaveClusterAsync(string? node = null, CancellationToken cancellationToken = default) => Fail<ClusterView>();

    public Task<ClusterView> DownMemberAsync(string node, CancellationToken cancellationToken = default) => Fail<ClusterView>();

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Fail<bool>();

    public Task<string> GetMetricsTextAsync(CancellationToken cancellationToken = default) => Fail<string>();

    private Task<T> Fail<T>() => Task.FromException<T>(failure);

    private async IAsyncEnumerable<T> Stream<T>()
    {
        await Task.Yield();
        if (failure is not null) throw failure;
        yield break;
    }

    public Task<GroupInfo> CreateGroupAsync(GroupCreateRequest request, CancellationToken cancellationToken = default) => Fail<GroupInfo>();
    public Task<IReadOnlyList<GroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default) => Fail<IReadOnlyList<GroupInfo>>();
    public Task<GroupInfo> InspectGroupAsync(string name, CancellationToken cancellationToken = default) => Fail<GroupInfo>();
    public Task<GroupInfo> GroupVerbAsync(string name, string verb, CancellationToken cancellationToken = default) => Fail<GroupInfo>();
    public Task RemoveGroupAsync(string name, CancellationToken cancellationToken = default) => Fail<GroupInfo>();
}
