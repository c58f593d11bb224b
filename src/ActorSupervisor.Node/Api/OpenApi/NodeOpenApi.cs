using System.Reflection;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api.Security;
using Microsoft.OpenApi;

namespace ActorSupervisor.Node.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (with the token, as the API): routes from their mappings, plus what holds
/// for every route: the bearer scheme, and the 401 / 500 / 503 answers with the <c>ApiError</c> body.
/// </summary>
internal static class NodeOpenApi
{
    /// <summary>The document's path.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    private const string BearerScheme = "bearer";

    /// <summary>Registers the document and its transformers.</summary>
    public static IServiceCollection AddNodeOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) => Describe(document)));

    private static Task Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ActorSupervisor management API",
            Version = typeof(NodeOpenApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
            Description = "Containers, their events and logs, the node and its cluster. Conventions, errors and every field: docs/api.md.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "actor-supervisor.node.api.token, or the token the node generated into <data-dir>/api.token",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        foreach (var (path, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p is { Name: "nameOrId", Description: null }))
                    parameter.Description = "the container's name, else its full id, else a unique id prefix";
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p is { Name: "name", Description: null }))
                    parameter.Description = "the group's name";
                if (BearerTokenMiddleware.IsOpen(path))
                    operation.Security = []; // overrides the document's requirement
                AddCommonErrors(document, path, operation);
            }
        }
        return Task.CompletedTask;
    }

    // The token check, the availability gate and the exception handler stand in front of every route they cover.
    private static void AddCommonErrors(OpenApiDocument document, string path, OpenApiOperation operation)
    {
        operation.Responses ??= [];
        var anonymous = operation.Security is { Count: 0 };
        if (!anonymous)
            AddError(document, operation, StatusCodes.Status401Unauthorized);
        if (path.StartsWith(ApiRoutes.Prefix, StringComparison.Ordinal))
        {
            AddError(document, operation, StatusCodes.Status500InternalServerError);
            AddError(document, operation, StatusCodes.Status503ServiceUnavailable);
        }
        // Every ApiError answer says what its code means, whoever declared it.
        foreach (var (code, response) in operation.Responses)
        {
            if (response is OpenApiResponse { Content: { } content } concrete && content.ContainsKey("application/json") && code[0] is '4' or '5')
                concrete.Description = ApiErrorResponses.Describe(int.Parse(code, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void AddError(OpenApiDocument document, OpenApiOperation operation, int status)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
            return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = ApiErrorResponses.Describe(status),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(ApiErrorResponses.SchemaName, document) },
            },
        };
    }
}
