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

    /// <summary>The readings, by name; an unknown container asked for is a 404.</summary>
    public static async Task<Ok<IReadOnlyList<ContainerStats>>> Stats(HttpRequest request, IContainerService containers, NodeRuntimes runtimes,
        CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nameOrId in request.Query["container"])
            wanted.Add((await ContainerResolver.ResolveAsync(containers, nameOrId ?? "", cancellationToken)).Id);
        var all = await ContainerStatsReader.ReadAsync(containers, runtimes, cancellationToken);
        IReadOnlyList<ContainerStats> result = wanted.Count == 0 ? all : all.Where(s => wanted.Contains(s.Id)).ToList();
        return TypedResults.Ok(result);
    }
}
