using System.Net;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Client;

/// <summary>The node answered, and refused or failed the request; <see cref="Exception.Message"/> is the node's own explanation.</summary>
public sealed class ApiException : Exception
{
    /// <summary>The code used when the node's answer was not an <see cref="ApiError"/> body (a proxy, a wrong URL).</summary>
    public const string UnexpectedResponseCode = "unexpected_response";

    /// <summary>Creates the exception from the node's answer.</summary>
    public ApiException(HttpStatusCode statusCode, ApiError error)
        : base(error.Message)
    {
        StatusCode = statusCode;
        Code = error.Code;
        Details = error.Details ?? [];
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The stable error code, one of <see cref="ErrorCodes"/> or <see cref="UnexpectedResponseCode"/>.</summary>
    public string Code { get; }

    /// <summary>The offending fields, for a refused body or parameter.</summary>
    public IReadOnlyList<ApiErrorDetail> Details { get; }
}
