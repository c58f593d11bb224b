using System.Reflection;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Supervision.Sharding;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ActorSupervisor.Node.Api;

/// <summary><c>/api/v1/node</c> and the cluster views; a single node lists itself and owns every shard.</summary>
internal static class NodeEndpoints
{
    /// <summary>When this node's process started, from the operating system.</summary>
    private static readonly DateTimeOffset ProcessStart = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>Maps the node and cluster routes.</summary>
    public static IEndpointRouteBuilder MapNodeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Node, Info).WithTags("Node").WithName("NodeInfo");
        app.MapGet(ApiRoutes.ClusterMembers, Members).WithTags("Cluster").WithName("ClusterMembers");
        app.MapGet(ApiRoutes.ClusterShards, Shards).WithTags("Cluster").WithName("ClusterShards");
        return app;
    }

    /// <summary>What this node is and runs.</summary>
    public static async Task<Ok<NodeInfo>> Info(NodeSupervision supervision, NodeRuntimes runtimes, NodeJournal journal, IOptions<NodeOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var containers = await supervision.Host.ListAsync(cancellationToken);
        var process = runtimes.Get(RuntimeKind.Process).Capabilities;
        var memory = process.MemoryLimits ? process.MemoryMethod : "no writable memory cgroup" + (process.Notes.Length > 0 ? $" ({process.Notes})" : "");
        return TypedResults.Ok(new NodeInfo
        {
            NodeId = options.Value.NodeId,
            Version = typeof(NodeEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
            StartedAt = ProcessStart,
            UptimeSeconds = Math.Max(0, (DateTimeOffset.UtcNow - ProcessStart).TotalSeconds),
            Mode = "single-node",
            DataStore = new DataStoreInfo(journal.Description.Kind, journal.Description.Location),
            DefaultRuntime = ContainerMapper.RuntimeName(options.Value.DefaultRuntime),
            Runtimes = runtimes.Descriptions,
            Capabilities =
            [
                new CapabilityInfo("memory-limits", process.MemoryLimits, memory),
                new CapabilityInfo("oom-detection", process.MemoryLimits, process.MemoryLimits ? process.MemoryMethod : "needs memory limits"),
                new CapabilityInfo("pause", true, process.PauseMethod),
            ],
            Containers = containers.Count,
            Running = containers.Count(c => c.State.Status == ContainerStatus.Running),
        });
    }

    /// <summary>The members: this node alone, up, owning every shard.</summary>
    public static async Task<Ok<ClusterView>> Members(NodeSupervision supervision, IOptions<NodeOptions> options, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var node = options.Value;
        var containers = await supervision.Host.ListAsync(cancellationToken);
        var self = new ClusterMember
        {
            NodeId = node.NodeId,
            Address = $"{request.Scheme}://{request.Host}",
            Status = "up",
            JoinedAt = ProcessStart,
            Shards = node.ShardCount,
            Containers = containers.Count,
        };
        return TypedResults.Ok(new ClusterView("single-node", node.NodeId, [self]));
    }

    /// <summary>Every shard, owned by this node, with how many containers hash to it.</summary>
    public static async Task<Ok<ShardsView>> Shards(NodeSupervision supervision, IOptions<NodeOptions> options, CancellationToken cancellationToken)
    {
        var node = options.Value;
        var perShard = (await supervision.Host.ListAsync(cancellationToken))
            .GroupBy(c => ShardHash.ShardOf(c.Id, node.ShardCount))
            .ToDictionary(g => g.Key, g => g.Count());
        var shards = Enumerable.Range(0, node.ShardCount)
            .Select(shard => new ShardInfo { ShardId = shard, Owner = node.NodeId, Status = "owned", Containers = perShard.GetValueOrDefault(shard) })
            .ToList();
        return TypedResults.Ok(new ShardsView(node.ShardCount, shards));
    }
}
