using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api.OpenApi;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Supervision.Hosting;
using Akka.Cluster.Sharding;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ActorSupervisor.Node.Api;

/// <summary>
/// <c>/api/v1/cluster</c>: the membership and the shards as this node's Akka.Cluster and Akka.Cluster.Sharding see
/// them, and the membership commands (join, leave, down). A single node is a cluster of one.
/// </summary>
internal static class ClusterEndpoints
{
    /// <summary>How long the views wait for every region's statistics.</summary>
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The members view's wait for the statistics while a member is unreachable or not up: it would never answer.</summary>
    private static readonly TimeSpan UnwellStatsTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>When this node's process started, from the operating system.</summary>
    private static readonly DateTimeOffset ProcessStart = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>Maps the cluster routes.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.ClusterMembers, Members).WithTags("Cluster").WithName("ClusterMembers");
        app.MapGet(ApiRoutes.ClusterShards, Shards).WithTags("Cluster").WithName("ClusterShards");
        app.MapPost(ApiRoutes.ClusterJoin, Join).WithTags("Cluster").WithName("ClusterJoin").Accepts<ClusterJoinRequest>("application/json")
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        app.MapPost(ApiRoutes.ClusterLeave, Leave).WithTags("Cluster").WithName("ClusterLeave").Accepts<ClusterMemberRequest>(isOptional: true, "application/json")
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        app.MapPost(ApiRoutes.ClusterDown, Down).WithTags("Cluster").WithName("ClusterDown").Accepts<ClusterMemberRequest>("application/json")
            .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The members with status, roles, leader, reachability, and the shards and entities each hosts.</summary>
    public static async Task<Ok<ClusterView>> Members(NodeSupervision supervision, IOptions<NodeOptions> options, HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(supervision.Host, options.Value, request, cancellationToken));

    /// <summary>Every shard some region hosts, its owner and its live entities (Akka's cluster sharding statistics).</summary>
    public static async Task<Ok<ShardsView>> Shards(NodeSupervision supervision, IOptions<NodeOptions> options, CancellationToken cancellationToken)
    {
        var host = supervision.Host;
        ClusterShardingStats stats;
        try
        {
            stats = await host.ShardingStatsAsync(StatsTimeout, cancellationToken);
        }
        catch (Akka.Actor.AskTimeoutException)
        {
            throw ApiProblemException.Unavailable("the shard coordinator did not answer in time (a member joining or leaving?)");
        }
        return TypedResults.Ok(ClusterMapper.Shards(host.Cluster, stats, options.Value.ShardCount));
    }

    /// <summary>
    /// This node joins the cluster at the given address. Akka lets a node join only before it is a member; every node
    /// joins a cluster at start-up (its seeds, or itself), so this is for a node whose seeds did not answer: a member
    /// already is refused with 409 (change <c>cluster.seeds</c> and restart it instead).
    /// </summary>
    public static async Task<Accepted<ClusterView>> Join(NodeSupervision supervision, IOptions<NodeOptions> options, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.ClusterJoinRequest, options.Value.Api.MaxBodyBytes, cancellationToken);
        if (body.Address is null)
            throw ApiProblemException.InvalidArgument("address", null, $"is required, e.g. {ClusterAddresses.Example}");
        if (ClusterAddresses.Problem(body.Address) is { } problem)
            throw ApiProblemException.InvalidArgument("address", body.Address, problem);
        var host = supervision.Host;
        var cluster = host.Cluster;
        var address = ClusterAddresses.Parse(body.Address);
        var self = cluster.State.Members.FirstOrDefault(m => m.Address == cluster.SelfAddress);
        if (self is not null)
        {
            if (!cluster.State.Members.Any(m => m.Address == address))
                throw ApiProblemException.Conflict($"this node is already a member of a cluster (at {cluster.SelfAddress}); Akka does not move a member to " +
                    "another cluster: set actor-supervisor.node.cluster.seeds to the address and restart the node");
            // Already in the same cluster as the address: nothing to do.
        }
        else
        {
            cluster.Join(address);
        }
        return TypedResults.Accepted(ApiRoutes.ClusterMembers, await ViewAsync(host, options.Value, request, cancellationToken));
    }

    /// <summary>A member (this node by default) leaves gracefully: its shards are handed off, then it is removed and its node stops.</summary>
    public static async Task<Accepted<ClusterView>> Leave(NodeSupervision supervision, IOptions<NodeOptions> options, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await ReadMemberRequestAsync(request, options.Value, required: false, cancellationToken);
        var host = supervision.Host;
        var address = body.Node is null ? host.Cluster.SelfAddress : Member(host, body.Node).Address;
        var view = await ViewAsync(host, options.Value, request, cancellationToken);
        host.Cluster.Leave(address);
        return TypedResults.Accepted(ApiRoutes.ClusterMembers, view);
    }

    /// <summary>A member is marked down: the cluster stops waiting for it and its shards start elsewhere.</summary>
    public static async Task<Accepted<ClusterView>> Down(NodeSupervision supervision, IOptions<NodeOptions> options, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await ReadMemberRequestAsync(request, options.Value, required: true, cancellationToken);
        var host = supervision.Host;
        var member = Member(host, body.Node!);
        var view = await ViewAsync(host, options.Value, request, cancellationToken);
        host.Cluster.Down(member.Address);
        return TypedResults.Accepted(ApiRoutes.ClusterMembers, view);
    }

    private static async Task<ClusterMemberRequest> ReadMemberRequestAsync(HttpRequest request, NodeOptions options, bool required, CancellationToken cancellationToken)
    {
        // leave takes no body at all for "this node".
        if (!required && request.ContentLength is 0 or null && !request.HasJsonContentType())
            return new ClusterMemberRequest();
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.ClusterMemberRequest, options.Api.MaxBodyBytes, cancellationToken);
        if (body.Node is { } node && node.Trim().Length == 0)
            throw ApiProblemException.InvalidArgument("node", node, "must name a member by node id or cluster address");
        if (required && body.Node is null)
            throw ApiProblemException.InvalidArgument("node", null, "is required: a member's node id or cluster address (see GET /api/v1/cluster/members)");
        return body;
    }

    private static Akka.Cluster.Member Member(ContainerHost host, string node) =>
        ClusterMapper.Find(host.Cluster, node) ?? throw ApiProblemException.NotFound(
            $"no member '{node}' in the cluster; members: {string.Join(", ", host.Cluster.State.Members.Select(Supervision.Hosting.ClusterRoles.NodeId))}");

    private static async Task<ClusterView> ViewAsync(ContainerHost host, NodeOptions options, HttpRequest request, CancellationToken cancellationToken)
    {
        ClusterShardingStats? stats;
        var state = host.Cluster.State;
        var timeout = state.Unreachable.IsEmpty && state.Members.All(m => m.Status == Akka.Cluster.MemberStatus.Up) ? StatsTimeout : UnwellStatsTimeout;
        try
        {
            // Akka answers with the regions that replied in time: a gone member's shards read 0 until it is removed.
            stats = await host.ShardingStatsAsync(timeout, cancellationToken);
        }
        catch (Akka.Actor.AskTimeoutException)
        {
            stats = null; // the members still show; their shard counts read 0
        }
        return ClusterMapper.Members(host.Cluster, stats, options.Cluster.Seeds.Count > 0, $"{request.Scheme}://{request.Host}", ProcessStart);
    }
}
