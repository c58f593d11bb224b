using System.Security.Cryptography;
using System.Text;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api.Errors;
using ActorSupervisor.Node.Dashboard;
using ActorSupervisor.Node.Security;

namespace ActorSupervisor.Node.Api.Security;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;token&gt;</c> on every request but the probes (<c>/healthz</c>, <c>/readyz</c>) and the
/// dashboard's static shell (<see cref="DashboardAssets"/>: no data in it);
/// <c>/metrics</c> needs it too (Prometheus sends it with <c>authorization.credentials_file</c>). The comparison is over SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// so neither the content nor the length of the token leaks through timing.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, byte[] expectedDigest, string advice)
{
    /// <summary>A middleware for <paramref name="access"/>'s token.</summary>
    public static BearerTokenMiddleware For(RequestDelegate next, ApiAccess access) => new(next, Digest(access.Token),
        access.TokenFile is null
            ? "send Authorization: Bearer <token> with the token configured in actor-supervisor.node.api.token (asv --token or ASV_TOKEN)"
            : $"send Authorization: Bearer <token> with the token in {access.TokenFile}; asv on this machine reads it when run as root or as a member of the node's token group (actor-supervisor.node.api.token-group), else pass --token or --token-file");

    /// <summary>Lets the request through or answers 401.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var method = context.Request.Method;
        // The probes answer any method without a token, as before the dashboard; its shell only to a read.
        var open = path.Equals(ApiRoutes.Healthz) || path.Equals(ApiRoutes.Readyz) || (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && IsOpen(path);
        if (open || Matches(context.Request.Headers.Authorization.ToString()))
            return next(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized,
            new ApiError(ErrorCodes.Unauthorized, "missing or wrong token: " + advice));
    }

    /// <summary>Whether a GET of <paramref name="path"/> needs no token: the probes and the dashboard's shell.</summary>
    public static bool IsOpen(PathString path) => path.Equals(ApiRoutes.Healthz) || path.Equals(ApiRoutes.Readyz) || DashboardAssets.IsAsset(path);

    private bool Matches(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        return CryptographicOperations.FixedTimeEquals(Digest(header[scheme.Length..].Trim()), expectedDigest);
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
