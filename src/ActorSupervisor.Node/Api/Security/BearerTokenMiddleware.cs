using System.Security.Cryptography;
using System.Text;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api.Errors;

namespace ActorSupervisor.Node.Api.Security;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;token&gt;</c> on every request but the probes when the node has a
/// token. The comparison is over SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// so neither the content nor the length of the token leaks through timing.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, byte[] expectedDigest)
{
    /// <summary>A middleware for <paramref name="token"/>.</summary>
    public static BearerTokenMiddleware For(RequestDelegate next, string token) => new(next, Digest(token));

    /// <summary>Lets the request through or answers 401.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.Equals(ApiRoutes.Healthz) || path.Equals(ApiRoutes.Readyz) || Matches(context.Request.Headers.Authorization.ToString()))
            return next(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized,
            new ApiError(ErrorCodes.Unauthorized, "missing or wrong token: send Authorization: Bearer <token> (asv --token or ASV_TOKEN)"));
    }

    private bool Matches(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        return CryptographicOperations.FixedTimeEquals(Digest(header[scheme.Length..].Trim()), expectedDigest);
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
