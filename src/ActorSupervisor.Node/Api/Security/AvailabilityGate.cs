using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Hosting;

namespace ActorSupervisor.Node.Api.Security;

/// <summary>
/// Answers 503 <c>unavailable</c> to API requests while the node recovers, and to commands once it is shutting
/// down or while its store file is gone; reads keep working then so operators can watch it.
/// </summary>
internal sealed class AvailabilityGate(RequestDelegate next, NodeReadiness readiness)
{
    /// <summary>Lets the request through or answers 503.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ApiRoutes.Prefix))
            return next(context);
        var isCommand = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        var blocked = readiness.IsStopping ? isCommand : !readiness.IsReady;
        if (!blocked)
        {
            // A store whose file is gone would take the change and lose it at the next start.
            if (isCommand && readiness.StoreProblem is { } store)
                return ApiErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ApiError(ErrorCodes.Unavailable, store));
            return next(context);
        }
        context.Response.Headers.RetryAfter = ApiExceptionHandler.RetryAfterSeconds;
        return ApiErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
            new ApiError(ErrorCodes.Unavailable, $"{readiness.NotReadyReason}; retry shortly"));
    }
}
