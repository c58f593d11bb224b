using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Hosting;
using ActorSupervisor.Node.Metrics;

namespace ActorSupervisor.Node.Api;

/// <summary><c>/metrics</c> in Prometheus text format 0.0.4, exposed by prometheus-net from <see cref="NodeMetrics"/>.</summary>
internal static class MetricsEndpoints
{
    /// <summary>Maps the metrics route.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Metrics, Metrics).WithTags("Node").WithName("Metrics")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }

    /// <summary>The metrics; before recovery finished only the readiness gauge.</summary>
    public static Task Metrics(HttpContext context, NodeMetrics metrics, NodeSupervision supervision, NodeReadiness readiness, NodeRuntimes runtimes) =>
        metrics.ScrapeAsync(context, supervision, readiness, runtimes);
}
