using ActorSupervisor.Client.Contracts;
using Microsoft.OpenApi;

namespace ActorSupervisor.Node.Api.OpenApi;

/// <summary>
/// What the OpenAPI document cannot see in a handler's signature: query parameters read through <see cref="QueryReader"/>,
/// headers, and the error statuses a route answers with an <see cref="ApiError"/> body. Declared beside each route's mapping.
/// </summary>
internal static class OpenApiRouteMetadata
{
    /// <summary>The route reads query parameter <paramref name="name"/>.</summary>
    public static RouteHandlerBuilder Query(this RouteHandlerBuilder route, string name, JsonSchemaType type, string description,
        bool repeatable = false) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var schema = new OpenApiSchema { Type = type };
            (operation.Parameters ??= []).Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
                Explode = repeatable,
            });
            return Task.CompletedTask;
        });

    /// <summary>The route reads request header <paramref name="name"/>.</summary>
    public static RouteHandlerBuilder Header(this RouteHandlerBuilder route, string name, JsonSchemaType type, string description) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            (operation.Parameters ??= []).Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Header, Description = description, Schema = new OpenApiSchema { Type = type },
            });
            return Task.CompletedTask;
        });

    /// <summary>
    /// The route may answer these statuses with an <see cref="ApiError"/>; 401, 500 and 503 are added to every API route by
    /// <see cref="NodeOpenApi"/>.
    /// </summary>
    public static RouteHandlerBuilder Errors(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
            route.Produces<ApiError>(status, "application/json");
        return route;
    }
}
