using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Client.Http;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Client;

/// <summary>
/// The .NET client of a node's management API (docs/api.md). Every call throws
/// <see cref="NodeUnreachableException"/> when the node does not answer and <see cref="ApiException"/>
/// when it refuses; streams (<see cref="StreamEventsAsync"/>, <see cref="FollowLogsAsync"/>) end when
/// the node ends them or the token is cancelled.
/// </summary>
public sealed class ActorSupervisorClient : IActorSupervisorClient, IDisposable
{
    /// <summary>The node address used when none is given: the loopback node.</summary>
    public static readonly Uri DefaultNodeUrl = new("http://127.0.0.1:7411");

    /// <summary>How long a plain request may take before the node counts as unreachable (stop and restart add their grace time).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient? ownedHttp;
    private readonly NodeConnection connection;

    /// <summary>A client with its own <see cref="HttpClient"/>, disposed with it.</summary>
    public ActorSupervisorClient(Uri nodeUrl, string? token = null, TimeSpan? requestTimeout = null)
        : this(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, nodeUrl, token, requestTimeout, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// A client over a caller's <see cref="HttpClient"/> (not disposed here). Its <see cref="HttpClient.Timeout"/>
    /// should be infinite: this client applies its own timeouts, and streams last as long as they are read.
    /// </summary>
    public ActorSupervisorClient(HttpClient httpClient, Uri nodeUrl, string? token = null, TimeSpan? requestTimeout = null)
        : this(httpClient, nodeUrl, token, requestTimeout, ownsHttpClient: false)
    {
    }

    private ActorSupervisorClient(HttpClient httpClient, Uri nodeUrl, string? token, TimeSpan? requestTimeout, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(nodeUrl);
        ownedHttp = ownsHttpClient ? httpClient : null;
        connection = new NodeConnection(httpClient, nodeUrl, string.IsNullOrEmpty(token) ? null : token, requestTimeout ?? DefaultRequestTimeout);
    }

    /// <summary>The node this client talks to.</summary>
    public Uri NodeUrl => connection.NodeUrl;

    /// <summary>Lists containers: running ones, or all with <paramref name="all"/>; filters as <c>status=running</c>, <c>label=k=v</c>.</summary>
    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(bool all = false, IEnumerable<string>? filters = null,
        CancellationToken cancellationToken = default)
    {
        var path = new QueryBuilder(ApiRoutes.Containers).AddFlag("all", all).AddEach("filter", filters ?? []);
        return GetAsync(path.ToString(), ApiJsonContext.Default.IReadOnlyListContainerSummary, cancellationToken);
    }

    /// <summary>Creates a container, and starts it when <paramref name="start"/> is true (<c>run</c>).</summary>
    public Task<ContainerInfo> CreateContainerAsync(RawContainerSpec spec, bool start = false, CancellationToken cancellationToken = default)
    {
        var path = new QueryBuilder(ApiRoutes.Containers).AddFlag("start", start).ToString();
        return PostAsync(path, JsonContent.Create(spec, ApiJsonContext.Default.RawContainerSpec), TimeSpan.Zero, cancellationToken);
    }

    /// <summary>Everything about one container.</summary>
    public Task<ContainerInfo> InspectContainerAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.Container(nameOrId), ApiJsonContext.Default.ContainerInfo, cancellationToken);

    /// <summary>One container as it was at a past instant (an RFC 3339 time or a duration ago), rebuilt from its events.</summary>
    public Task<ContainerInfo> InspectContainerAtAsync(string nameOrId, string at, CancellationToken cancellationToken = default) =>
        GetAsync(new QueryBuilder(ApiRoutes.Container(nameOrId)).Add("at", at).ToString(), ApiJsonContext.Default.ContainerInfo, cancellationToken);

    /// <summary>Starts a container (a running one is left as it is).</summary>
    public Task<ContainerInfo> StartContainerAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        PostVerbAsync(nameOrId, "start", null, TimeSpan.Zero, cancellationToken);

    /// <summary>Stops a container: its stop signal, then SIGKILL after <paramref name="timeoutSeconds"/> (default its spec's).</summary>
    public Task<ContainerInfo> StopContainerAsync(string nameOrId, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        PostVerbAsync(nameOrId, "stop", Seconds(timeoutSeconds), GraceTime(timeoutSeconds), cancellationToken);

    /// <summary>Stops (as <see cref="StopContainerAsync"/>) and starts a container.</summary>
    public Task<ContainerInfo> RestartContainerAsync(string nameOrId, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        PostVerbAsync(nameOrId, "restart", Seconds(timeoutSeconds), GraceTime(timeoutSeconds), cancellationToken);

    /// <summary>Sends a signal (name or number; default SIGKILL) to a running container.</summary>
    public Task<ContainerInfo> KillContainerAsync(string nameOrId, string? signal = null, CancellationToken cancellationToken = default) =>
        PostAsync(new QueryBuilder(ApiRoutes.Container(nameOrId, "kill")).Add("signal", signal).ToString(), null, TimeSpan.Zero, cancellationToken);

    /// <summary>Freezes a running container.</summary>
    public Task<ContainerInfo> PauseContainerAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        PostVerbAsync(nameOrId, "pause", null, TimeSpan.Zero, cancellationToken);

    /// <summary>Thaws a paused container.</summary>
    public Task<ContainerInfo> UnpauseContainerAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        PostVerbAsync(nameOrId, "unpause", null, TimeSpan.Zero, cancellationToken);

    /// <summary>Removes a container; <paramref name="force"/> kills a running one first.</summary>
    public Task RemoveContainerAsync(string nameOrId, bool force = false, CancellationToken cancellationToken = default) =>
        connection.SendAsync(HttpMethod.Delete, new QueryBuilder(ApiRoutes.Container(nameOrId)).AddFlag("force", force).ToString(),
            TimeSpan.Zero, cancellationToken);

    /// <summary>Changes what can change in place: restart policy, memory limit, health check (Docker's <c>update</c>).</summary>
    public Task<ContainerInfo> UpdateContainerAsync(string nameOrId, UpdateRequest update, CancellationToken cancellationToken = default) =>
        PostAsync(ApiRoutes.Container(nameOrId, "update"), JsonContent.Create(update, ApiJsonContext.Default.UpdateRequest), TimeSpan.Zero, cancellationToken);

    /// <summary>The stored log lines, oldest first.</summary>
    public Task<IReadOnlyList<LogLine>> GetLogsAsync(string nameOrId, LogQuery? query = null, CancellationToken cancellationToken = default) =>
        GetAsync(LogsPath(nameOrId, query, follow: false), ApiJsonContext.Default.IReadOnlyListLogLine, cancellationToken);

    /// <summary>
    /// The selected stored lines, then new ones as they are written, until the container is removed or the token is
    /// cancelled. A node that cannot read them any longer (the container's node left or died) ends the stream with an
    /// <c>error</c> event: an <see cref="ApiException"/> (503 <c>unavailable</c>) saying why.
    /// </summary>
    public async IAsyncEnumerable<LogLine> FollowLogsAsync(string nameOrId, LogQuery? query = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in connection.StreamAsync(LogsPath(nameOrId, query, follow: true), null, cancellationToken))
        {
            if (item.EventType == "log") yield return Deserialize(item.Data, ApiJsonContext.Default.LogLine);
            else if (item.EventType == "error") throw new ApiException(System.Net.HttpStatusCode.ServiceUnavailable, Deserialize(item.Data, ApiJsonContext.Default.ApiError));
        }
    }

    /// <summary>A container's persisted events in order: the story of its life.</summary>
    public Task<IReadOnlyList<ContainerEvent>> GetHistoryAsync(string nameOrId, HistoryQuery? query = null, CancellationToken cancellationToken = default)
    {
        var path = new QueryBuilder(ApiRoutes.Container(nameOrId, "history"))
            .Add("limit", query?.Limit?.ToString(CultureInfo.InvariantCulture))
            .Add("since", query?.Since)
            .Add("until", query?.Until);
        return GetAsync(path.ToString(), ApiJsonContext.Default.IReadOnlyListContainerEvent, cancellationToken);
    }

    /// <summary>Events of all containers as the node records them; each carries its offset for resuming.</summary>
    public async IAsyncEnumerable<ContainerEvent> StreamEventsAsync(EventQuery? query = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new EventQuery();
        var path = new QueryBuilder(ApiRoutes.Events)
            .Add("since", query.Since)
            .Add("until", query.Until)
            .Add("follow", query.Follow ? null : "false")
            .AddEach("filter", query.Filters);
        await foreach (var item in connection.StreamAsync(path.ToString(), query.LastEventId, cancellationToken))
        {
            if (!string.IsNullOrEmpty(item.Data)) yield return Deserialize(item.Data, ApiJsonContext.Default.ContainerEvent);
        }
    }

    /// <summary>The node's identity, store, runtimes and capabilities.</summary>
    public Task<NodeInfo> GetNodeInfoAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.Node, ApiJsonContext.Default.NodeInfo, cancellationToken);

    /// <summary>The cluster's members (a single node lists itself).</summary>
    public Task<ClusterView> GetClusterMembersAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.ClusterMembers, ApiJsonContext.Default.ClusterView, cancellationToken);

    /// <summary>The shards and their owners.</summary>
    public Task<ActorTreeView> GetNodeActorsAsync(bool all = false, CancellationToken cancellationToken = default) =>
        GetAsync(new QueryBuilder(ApiRoutes.NodeActors).AddFlag("all", all).ToString(), ApiJsonContext.Default.ActorTreeView, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeLogEntry>> GetNodeLogsAsync(int? tail = null, string? level = null, CancellationToken cancellationToken = default) =>
        GetAsync(NodeLogsPath(tail, level, follow: false), ApiJsonContext.Default.IReadOnlyListNodeLogEntry, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<NodeLogEntry> FollowNodeLogsAsync(int? tail = null, string? level = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in connection.StreamAsync(NodeLogsPath(tail, level, follow: true), null, cancellationToken))
        {
            if (item.EventType == "log") yield return Deserialize(item.Data, ApiJsonContext.Default.NodeLogEntry);
        }
    }

    /// <inheritdoc />
    public Task<ShardsView> GetShardsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.ClusterShards, ApiJsonContext.Default.ShardsView, cancellationToken);

    /// <inheritdoc />
    public Task<ClusterView> JoinClusterAsync(string address, CancellationToken cancellationToken = default) =>
        connection.SendAsync(HttpMethod.Post, ApiRoutes.ClusterJoin, JsonContent.Create(new ClusterJoinRequest(address), ApiJsonContext.Default.ClusterJoinRequest),
            ApiJsonContext.Default.ClusterView, TimeSpan.Zero, cancellationToken);

    /// <inheritdoc />
    public Task<ClusterView> LeaveClusterAsync(string? node = null, CancellationToken cancellationToken = default) =>
        MemberCommandAsync(ApiRoutes.ClusterLeave, node, cancellationToken);

    /// <inheritdoc />
    public Task<ClusterView> DownMemberAsync(string node, CancellationToken cancellationToken = default) =>
        MemberCommandAsync(ApiRoutes.ClusterDown, node, cancellationToken);

    /// <summary>
    /// Runs a command in a running container (<c>docker exec</c>): its output is copied to <paramref name="output"/> and
    /// <paramref name="error"/> as it comes, <paramref name="input"/> (when given) feeds its stdin until it ends; returns its exit code.
    /// </summary>
    public async Task<int> ExecAsync(string nameOrId, ExecOptions options, Stream? input, Stream output, Stream error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = new QueryBuilder(ApiRoutes.Container(nameOrId, "exec"))
            .AddEach(ExecProtocol.CommandParameter, options.Command).AddFlag("stdin", input is not null).AddFlag("tty", options.Tty).ToString();
        using var socket = await connection.OpenWebSocketAsync(path, cancellationToken);
        return await ExecRelay.RunAsync(socket, NodeUrl, input, output, error, cancellationToken);
    }

    /// <summary>One reading of the running containers' resource use (all, or those named); CPU % needs two readings.</summary>
    public Task<IReadOnlyList<ContainerStats>> GetStatsAsync(IEnumerable<string>? containers = null, CancellationToken cancellationToken = default) =>
        GetAsync(new QueryBuilder(ApiRoutes.Stats).AddEach("container", containers ?? []).ToString(), ApiJsonContext.Default.IReadOnlyListContainerStats, cancellationToken);

    private Task<ClusterView> MemberCommandAsync(string path, string? node, CancellationToken cancellationToken) =>
        connection.SendAsync(HttpMethod.Post, path, JsonContent.Create(new ClusterMemberRequest(node), ApiJsonContext.Default.ClusterMemberRequest),
            ApiJsonContext.Default.ClusterView, TimeSpan.Zero, cancellationToken);

    /// <summary>Whether the node has finished recovery and serves commands (<c>/readyz</c>).</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        connection.ProbeAsync(ApiRoutes.Readyz, cancellationToken);

    /// <summary>The node's metrics in Prometheus text format.</summary>
    public Task<string> GetMetricsTextAsync(CancellationToken cancellationToken = default) =>
        connection.GetTextAsync(ApiRoutes.Metrics, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => ownedHttp?.Dispose();

    private Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        connection.SendAsync(HttpMethod.Get, path, null, type, TimeSpan.Zero, cancellationToken);

    private Task<ContainerInfo> PostAsync(string path, HttpContent? content, TimeSpan extraTime, CancellationToken cancellationToken) =>
        connection.SendAsync(HttpMethod.Post, path, content, ApiJsonContext.Default.ContainerInfo, extraTime, cancellationToken);

    private Task<ContainerInfo> PostVerbAsync(string nameOrId, string verb, string? seconds, TimeSpan extraTime, CancellationToken cancellationToken) =>
        PostAsync(new QueryBuilder(ApiRoutes.Container(nameOrId, verb)).Add("t", seconds).ToString(), null, extraTime, cancellationToken);

    private static string LogsPath(string nameOrId, LogQuery? query, bool follow) =>
        new QueryBuilder(ApiRoutes.Container(nameOrId, "logs"))
            .Add("tail", query?.Tail?.ToString(CultureInfo.InvariantCulture))
            .Add("since", query?.Since)
            .AddFlag("follow", follow)
            .ToString();

    private static string NodeLogsPath(int? tail, string? level, bool follow) =>
        new QueryBuilder(ApiRoutes.NodeLogs)
            .Add("tail", tail?.ToString(CultureInfo.InvariantCulture))
            .Add("level", level)
            .AddFlag("follow", follow)
            .ToString();

    private static string? Seconds(int? seconds) => seconds?.ToString(CultureInfo.InvariantCulture);

    // A stop may legitimately take its whole grace time before the node answers.
    private static TimeSpan GraceTime(int? seconds) => TimeSpan.FromSeconds(seconds ?? 60);

    private T Deserialize<T>(string json, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type)
                ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new ApiException(System.Net.HttpStatusCode.OK, new ApiError(ApiException.UnexpectedResponseCode,
                $"{NodeUrl} streamed an item that is not the expected JSON ({e.Message})"));
        }
    }

    /// <inheritdoc />
    public Task<GroupInfo> CreateGroupAsync(GroupCreateRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAsync(HttpMethod.Post, ApiRoutes.Groups, JsonContent.Create(request, ApiJsonContext.Default.GroupCreateRequest),
            ApiJsonContext.Default.GroupInfo, GroupPlanTime, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<GroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.Groups, ApiJsonContext.Default.IReadOnlyListGroupInfo, cancellationToken);

    /// <inheritdoc />
    public Task<GroupInfo> InspectGroupAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.Group(name), ApiJsonContext.Default.GroupInfo, cancellationToken);

    /// <inheritdoc />
    public Task<GroupInfo> GroupVerbAsync(string name, string verb, CancellationToken cancellationToken = default) =>
        connection.SendAsync(HttpMethod.Post, ApiRoutes.Group(name) + "/" + verb, null, ApiJsonContext.Default.GroupInfo, GroupPlanTime, cancellationToken);

    /// <inheritdoc />
    public Task RemoveGroupAsync(string name, CancellationToken cancellationToken = default) =>
        connection.SendAsync(HttpMethod.Delete, ApiRoutes.Group(name), GroupPlanTime, cancellationToken);

    // A group's plan waits for each member in turn (each up to its stop timeout): more time than one container's command.
    private static readonly TimeSpan GroupPlanTime = TimeSpan.FromMinutes(5);
}
