namespace ActorSupervisor.Node.Dashboard;

/// <summary>
/// Serves the dashboard at <c>/</c> (docs/dashboard.md). The shell may load without the token; it shows a sign-in form
/// and reads everything else from the API with the token the operator enters.
/// </summary>
internal static class DashboardEndpoints
{
    // The page runs only its own script and talks only to this node; it may not be framed by another site.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Maps the shell's files.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        foreach (var path in DashboardAssets.Paths)
        {
            app.MapGet(path, (HttpContext context) => Serve(context, path)).WithTags("Dashboard")
                .Produces(StatusCodes.Status200OK, contentType: DashboardAssets.ContentTypeOf(path)).Produces(StatusCodes.Status304NotModified);
        }
        return app;
    }

    private static IResult Serve(HttpContext context, string path)
    {
        var asset = DashboardAssets.Get(path);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidated every time: a node upgrade must not leave an old script running against a new API.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
