using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Node.Api.Errors;

/// <summary>Writes an <see cref="ApiError"/> body with its status.</summary>
internal static class ApiErrorWriter
{
    /// <summary>Answers <paramref name="status"/> with <paramref name="error"/> as JSON.</summary>
    public static Task WriteAsync(HttpContext context, int status, ApiError error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(error, ApiJsonContext.Default.ApiError, contentType: null, context.RequestAborted);
    }
}
