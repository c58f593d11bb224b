using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Supervision.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace ActorSupervisor.Node.Api.Errors;

/// <summary>
/// Turns what a handler throws into the API's error body: an unknown container is 404, a command the state
/// forbids or a taken name 409, a container that cannot answer now (its shard moving, its node leaving) 503 with
/// <c>Retry-After</c>, a runtime's refusal 500 <c>runtime_error</c>, anything else 500 <c>internal</c>.
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The <c>Retry-After</c> of every 503 (a container or shard not answering right now, a node not ready).</summary>
    internal const string RetryAfterSeconds = "1";

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
            return false;
        var (status, error) = Map(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds; // a shard in motion settles in seconds; the API's one hint, as the availability gate's
        // A runtime's refusal says all there is in its message (a missing program is the user's mistake, not the node's):
        // one warning line; a stack trace at error level is for what the node did not expect.
        if (exception is RuntimeOperationException)
            logger.LogWarning("{Method} {Path} refused by the runtime: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        else if (status >= 500)
            logger.LogError(exception, "{Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        await ApiErrorWriter.WriteAsync(httpContext, status, error);
        return true;
    }

    /// <summary>The status and body for <paramref name="exception"/>.</summary>
    public static (int Status, ApiError Error) Map(Exception exception) => exception switch
    {
        ApiProblemException problem => (problem.Status, problem.Error),
        ContainerNotFoundException notFound => (StatusCodes.Status404NotFound,
            new ApiError(ErrorCodes.NotFound, $"no such container: {notFound.NameOrId} (list them with asv ps -a or GET /api/v1/containers?all=true)")),
        CommandRejectedException rejected => (StatusCodes.Status409Conflict, new ApiError(ErrorCodes.Conflict, rejected.Message)),
        ContainerNameConflictException conflict => (StatusCodes.Status409Conflict, new ApiError(ErrorCodes.Conflict, conflict.Message)),
        ContainerUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable,
            new ApiError(ErrorCodes.Unavailable, unavailable.Message + "; retry shortly")),
        RuntimeOperationException runtime => (StatusCodes.Status500InternalServerError, new ApiError(ErrorCodes.RuntimeError, runtime.Message)),
        BadHttpRequestException bad => BadRequest(bad),
        _ => (StatusCodes.Status500InternalServerError,
            new ApiError(ErrorCodes.Internal, $"internal error ({exception.GetType().Name}); the node's log has the details")),
    };

    private static (int, ApiError) BadRequest(BadHttpRequestException bad) => bad.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? (StatusCodes.Status400BadRequest, new ApiError(ErrorCodes.InvalidArgument, "the request body is too large",
            [new ApiErrorDetail("body", null, "the request body is larger than actor-supervisor.node.api.max-body-size")]))
        : (StatusCodes.Status400BadRequest, new ApiError(ErrorCodes.InvalidArgument, bad.Message));
}
