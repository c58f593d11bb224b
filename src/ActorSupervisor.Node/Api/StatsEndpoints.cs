using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Supervision.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ActorSupervisor.Node.Api;

/// <summary><c>GET /api/v1/stats</c>: <c>docker stats</c>, one reading of every running container; <c>container</c> (repeatable) picks some.</summary>
internal static class StatsEndpoints
{
    /// <summary>Maps the stats route.</summary>
    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Stats, Stats).WithTags("Containers").WithName("ContainerStats");
        return app;
    }

    /// <summary>
    /// The readings of the whole cluster (each node reads the containers it hosts), by name; an unknown container asked
    /// for is a 404, one whose node did not answer in time a 503.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<ContainerStats>>> Stats(HttpRequest request, IContainerService containers, IWorkloadAccess workloads,
        CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, ContainerSnapshot>(StringComparer.Ordinal);
        foreach (var nameOrId in request.Query["container"])
        {
            var target = await ContainerResolver.ResolveAsync(containers, nameOrId ?? "", cancellationToken);
            wanted[target.Id] = target;
        }
        var reading = await workloads.ReadStatsAsync(cancellationToken);
        foreach (var target in wanted.Values.Where(t => reading.SilentNodes.Contains(t.Node)))
            throw new ContainerUnavailableException(target.Id, $"its node {target.Node} did not answer the stats reading in time");
        var all = await ContainerStatsReader.ToWireAsync(containers, reading, cancellationToken);
        IReadOnlyList<ContainerStats> result = wanted.Count == 0 ? all : all.Where(s => wanted.ContainsKey(s.Id)).ToList();
        return TypedResults.Ok(result);
    }
}
