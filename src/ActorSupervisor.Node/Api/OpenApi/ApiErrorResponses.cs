namespace ActorSupervisor.Node.Api.OpenApi;

/// <summary>What each error status of the API means, as the OpenAPI document tells it (docs/api.md, Errors).</summary>
internal static class ApiErrorResponses
{
    /// <summary>The schema's name in the document's components.</summary>
    public const string SchemaName = "ApiError";

    /// <summary>The description of an error status, with its <c>ApiError.code</c>.</summary>
    public static string Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_argument: a bad query parameter, body, field or value (details name each), or an ambiguous id prefix",
        StatusCodes.Status401Unauthorized => "unauthorized: the bearer token is missing or wrong",
        StatusCodes.Status404NotFound => "not_found: no container (or member) by that name or id",
        StatusCodes.Status409Conflict => "conflict: the state forbids the command (the message says the state and what to do), or the name is taken",
        StatusCodes.Status413PayloadTooLarge => "invalid_argument: the body is larger than actor-supervisor.node.api.max-body-bytes",
        StatusCodes.Status500InternalServerError => "runtime_error (the runtime refused) or internal (a bug or a journal failure)",
        StatusCodes.Status503ServiceUnavailable => "unavailable: the node is recovering or shutting down, or the container's shard is moving; retry",
        _ => "an error",
    };
}
