using ActorSupervisor.Client.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace ActorSupervisor.Node.Api.Errors;

/// <summary>Gives the bodiless answers of routing (unknown route, wrong method) the API's error body.</summary>
internal static class StatusCodeBodies
{
    /// <summary>The status-code-pages handler.</summary>
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var error = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => new ApiError(ErrorCodes.NotFound, $"no route {http.Request.Method} {http.Request.Path}; see /openapi/v1.json"),
            StatusCodes.Status405MethodNotAllowed => new ApiError(ErrorCodes.InvalidArgument,
                $"{http.Request.Method} is not allowed on {http.Request.Path}"),
            StatusCodes.Status415UnsupportedMediaType => new ApiError(ErrorCodes.InvalidArgument, "send the body as application/json",
                [new ApiErrorDetail("body", http.Request.ContentType, "expected Content-Type: application/json")]),
            _ => null,
        };
        // The contract answers a wrong content type with 400 like every other bad request.
        var status = http.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType ? StatusCodes.Status400BadRequest : http.Response.StatusCode;
        return error is null ? Task.CompletedTask : ApiErrorWriter.WriteAsync(http, status, error);
    }
}
