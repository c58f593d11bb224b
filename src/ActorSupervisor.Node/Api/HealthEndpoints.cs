using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ActorSupervisor.Node.Api;

/// <summary><c>/healthz</c> (the process serves) and <c>/readyz</c> (recovery finished, not shutting down).</summary>
internal static class HealthEndpoints
{
    /// <summary>Maps the probes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Healthz, Healthz).WithTags("Node").WithName("Healthz").Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet(ApiRoutes.Readyz, Readyz).WithTags("Node").WithName("Readyz")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain");
        return app;
    }

    /// <summary>Always <c>ok</c> while the process serves requests.</summary>
    public static ContentHttpResult Healthz() => TypedResults.Text("ok", "text/plain");

    /// <summary><c>ok</c> once recovery has finished; 503 with the reason before, during shutdown and while the journal fails.</summary>
    public static ContentHttpResult Readyz(NodeReadiness readiness) => readiness.ProbeReason is { } reason
        ? TypedResults.Text(reason, "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable)
        : TypedResults.Text("ok", "text/plain");
}
