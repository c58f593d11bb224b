using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client;

/// <summary>The management API as .NET calls; <see cref="ActorSupervisorClient"/> is the HTTP implementation.</summary>
public interface IActorSupervisorClient
{
    /// <summary>The node this client talks to.</summary>
    Uri NodeUrl { get; }

    /// <summary>Lists containers: running ones, or all with <paramref name="all"/>; filters as <c>status=running</c>, <c>label=k=v</c>.</summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(bool all = false, IEnumerable<string>? filters = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a container, and starts it when <paramref name="start"/> is true.</summary>
    Task<ContainerInfo> CreateContainerAsync(RawContainerSpec spec, bool start = false, CancellationToken cancellationToken = default);

    /// <summary>Everything about one container.</summary>
    Task<ContainerInfo> InspectContainerAsync(string nameOrId, CancellationToken cancellationToken = default);

    /// <summary>One container as it was at a past instant (an RFC 3339 time or a duration ago), rebuilt from its events.</summary>
    Task<ContainerInfo> InspectContainerAtAsync(string nameOrId, string at, CancellationToken cancellationToken = default);

    /// <summary>Starts a container.</summary>
    Task<ContainerInfo> StartContainerAsync(string nameOrId, CancellationToken cancellationToken = default);

    /// <summary>Stops a container, SIGKILL after <paramref name="timeoutSeconds"/>.</summary>
    Task<ContainerInfo> StopContainerAsync(string nameOrId, int? timeoutSeconds = null, CancellationToken cancellationToken = default);

    /// <summary>Stops and starts a container.</summary>
    Task<ContainerInfo> RestartContainerAsync(string nameOrId, int? timeoutSeconds = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a signal to a running container.</summary>
    Task<ContainerInfo> KillContainerAsync(string nameOrId, string? signal = null, CancellationToken cancellationToken = default);

    /// <summary>Freezes a running container.</summary>
    Task<ContainerInfo> PauseContainerAsync(string nameOrId, CancellationToken cancellationToken = default);

    /// <summary>Thaws a paused container.</summary>
    Task<ContainerInfo> UnpauseContainerAsync(string nameOrId, CancellationToken cancellationToken = default);

    /// <summary>Removes a container.</summary>
    Task RemoveContainerAsync(string nameOrId, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Changes the restart policy in place.</summary>
    Task<ContainerInfo> UpdateContainerAsync(string nameOrId, UpdateRequest update, CancellationToken cancellationToken = default);

    /// <summary>The stored log lines, oldest first.</summary>
    Task<IReadOnlyList<LogLine>> GetLogsAsync(string nameOrId, LogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Stored then new log lines until the container is removed or the token is cancelled.</summary>
    IAsyncEnumerable<LogLine> FollowLogsAsync(string nameOrId, LogQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a command in a running container; its output goes to <paramref name="output"/>/<paramref name="error"/>, <paramref name="input"/> feeds its stdin; returns its exit code.</summary>
    Task<int> ExecAsync(string nameOrId, ExecOptions options, Stream? input, Stream output, Stream error, CancellationToken cancellationToken = default);

    /// <summary>One reading of the running containers' resource use (all, or those named).</summary>
    Task<IReadOnlyList<ContainerStats>> GetStatsAsync(IEnumerable<string>? containers = null, CancellationToken cancellationToken = default);

    /// <summary>A container's persisted events in order (those <paramref name="query"/> picks).</summary>
    Task<IReadOnlyList<ContainerEvent>> GetHistoryAsync(string nameOrId, HistoryQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Events of all containers, stored then (with follow) new ones.</summary>
    IAsyncEnumerable<ContainerEvent> StreamEventsAsync(EventQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>The node's identity, store, runtimes and capabilities.</summary>
    Task<NodeInfo> GetNodeInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>The cluster's members.</summary>
    Task<ClusterView> GetClusterMembersAsync(CancellationToken cancellationToken = default);

    /// <summary>The shards and their owners.</summary>
    Task<ShardsView> GetShardsAsync(CancellationToken cancellationToken = default);

    /// <summary>The node's actor hierarchy (pbm's <c>actor hierarchy</c>); large levels cut unless <paramref name="all"/>.</summary>
    Task<ActorTreeView> GetNodeActorsAsync(bool all = false, CancellationToken cancellationToken = default);

    /// <summary>The node's own recent log lines (pbm's <c>log peek</c>): the last <paramref name="tail"/>, at <paramref name="level"/> or above.</summary>
    Task<IReadOnlyList<NodeLogEntry>> GetNodeLogsAsync(int? tail = null, string? level = null, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="GetNodeLogsAsync"/>, then each new line until the token is cancelled or the node goes away.</summary>
    IAsyncEnumerable<NodeLogEntry> FollowNodeLogsAsync(int? tail = null, string? level = null, CancellationToken cancellationToken = default);

    /// <summary>Makes the node join the cluster at <paramref name="address"/> (<c>akka.tcp://asv@host:port</c>); the membership as it is then.</summary>
    Task<ClusterView> JoinClusterAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Makes a member (by node id or cluster address; the node itself when null) leave the cluster gracefully.</summary>
    Task<ClusterView> LeaveClusterAsync(string? node = null, CancellationToken cancellationToken = default);

    /// <summary>Marks a member down: the cluster stops waiting for it and moves its shards.</summary>
    Task<ClusterView> DownMemberAsync(string node, CancellationToken cancellationToken = default);

    /// <summary>Whether the node has finished recovery.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>The node's metrics in Prometheus text format.</summary>
    Task<string> GetMetricsTextAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a group of containers (<c>POST /api/v1/groups</c>).</summary>
    Task<GroupInfo> CreateGroupAsync(GroupCreateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every group.</summary>
    Task<IReadOnlyList<GroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default);

    /// <summary>One group with its members' states.</summary>
    Task<GroupInfo> InspectGroupAsync(string name, CancellationToken cancellationToken = default);

    /// <summary><c>start</c> (members in order) or <c>stop</c> (reverse order) a group; answers once every member is done.</summary>
    Task<GroupInfo> GroupVerbAsync(string name, string verb, CancellationToken cancellationToken = default);

    /// <summary>Removes a group; its members leave it and keep running.</summary>
    Task RemoveGroupAsync(string name, CancellationToken cancellationToken = default);
}
