using System.Reflection;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Node.Api.Mapping;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ActorSupervisor.Node.Api.OpenApi;

namespace ActorSupervisor.Node.Api;

/// <summary><c>/api/v1/node</c>: what this node is, runs and can do, and its status as a cluster member.</summary>
internal static class NodeEndpoints
{
    /// <summary>When this node's process started, from the operating system.</summary>
    private static readonly DateTimeOffset ProcessStart = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>Maps the node route.</summary>
    public static IEndpointRouteBuilder MapNodeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Node, Info).WithTags("Node").WithName("NodeInfo");
        app.MapGet(ApiRoutes.NodeActors, Actors).WithTags("Node").WithName("NodeActors")
            .Query("all", JsonSchemaType.Boolean, $"every shard and entity; default the first {ActorHierarchy.DefaultLimit} by name of a region's shards and of each shard's entities, the rest counted");
        return app;
    }

    /// <summary>This node's actor hierarchy and the sharding regions it hosts (pbm's <c>actor hierarchy</c>).</summary>
    public static Ok<ActorTreeView> Actors(HttpRequest request, NodeSupervision supervision, IOptions<NodeOptions> options) =>
        TypedResults.Ok(ActorHierarchy.Describe(supervision.Host.System, options.Value.NodeId,
            QueryReader.Flag(request, "all", false) ? null : ActorHierarchy.DefaultLimit));

    /// <summary>What this node is and runs.</summary>
    public static async Task<Ok<NodeInfo>> Info(NodeSupervision supervision, NodeRuntimes runtimes, NodeJournal journal, IOptions<NodeOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var containers = await supervision.Host.ListAsync(cancellationToken);
        var cluster = supervision.Host.Cluster;
        var self = cluster.State.Members.FirstOrDefault(m => m.Address == cluster.SelfAddress);
        var process = runtimes.Get(RuntimeKind.Process).Capabilities;
        var memory = process.MemoryLimits ? process.MemoryMethod : "no writable memory cgroup" + (process.Notes.Length > 0 ? $" ({process.Notes})" : "");
        return TypedResults.Ok(new NodeInfo
        {
            NodeId = options.Value.NodeId,
            Version = typeof(NodeEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
            StartedAt = ProcessStart,
            UptimeSeconds = Math.Max(0, (DateTimeOffset.UtcNow - ProcessStart).TotalSeconds),
            Mode = cluster.State.Members.Count > 1 || options.Value.Cluster.Seeds.Count > 0 ? "cluster" : "single-node",
            ClusterAddress = cluster.SelfAddress.ToString(),
            MemberStatus = self is null ? "joining" : ClusterMapper.Status(self.Status),
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
}
