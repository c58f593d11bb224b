using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Node.Api.Errors;

/// <summary>A request the API refuses, with the HTTP status and the <see cref="ApiError"/> to answer.</summary>
internal sealed class ApiProblemException(int status, ApiError error) : Exception(error.Message)
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    /// <summary>The body.</summary>
    public ApiError Error { get; } = error;

    /// <summary>400 <c>invalid_argument</c> about one field.</summary>
    public static ApiProblemException InvalidArgument(string field, string? value, string message) =>
        new(StatusCodes.Status400BadRequest, new ApiError(ErrorCodes.InvalidArgument, $"{field}: {message}", [new ApiErrorDetail(field, value, message)]));

    /// <summary>400 <c>invalid_argument</c> about several fields.</summary>
    public static ApiProblemException InvalidArgument(string message, IReadOnlyList<ApiErrorDetail> details) =>
        new(StatusCodes.Status400BadRequest, new ApiError(ErrorCodes.InvalidArgument, message, details));

    /// <summary>404 <c>not_found</c>.</summary>
    public static ApiProblemException NotFound(string message) =>
        new(StatusCodes.Status404NotFound, new ApiError(ErrorCodes.NotFound, message));

    /// <summary>409 <c>conflict</c>: the request cannot be done in the current state.</summary>
    public static ApiProblemException Conflict(string message) =>
        new(StatusCodes.Status409Conflict, new ApiError(ErrorCodes.Conflict, message));

    /// <summary>503 <c>unavailable</c>: retry later.</summary>
    public static ApiProblemException Unavailable(string message) =>
        new(StatusCodes.Status503ServiceUnavailable, new ApiError(ErrorCodes.Unavailable, message));
}
