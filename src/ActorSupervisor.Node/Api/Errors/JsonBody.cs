using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorSupervisor.Node.Api.Errors;

/// <summary>
/// Reads a JSON request body strictly (unknown fields, wrong types, numbers as strings, comments, trailing commas,
/// duplicate fields and field names in another case are refused: see <see cref="StrictJson"/>) and turns every
/// problem into a 400 that names the field and where in the body it is.
/// </summary>
internal static class JsonBody
{
    // The contract's context reads spec files leniently (Web defaults: any case, comments, trailing commas); the API does not.
    private static readonly ConcurrentDictionary<JsonSerializerOptions, JsonSerializerOptions> StrictOptions = new();

    /// <summary>The body as <typeparamref name="T"/>.</summary>
    /// <exception cref="ApiProblemException">The body is missing, not JSON, or does not fit <typeparamref name="T"/>.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            throw ApiProblemException.InvalidArgument("body", request.ContentType,
                "send a JSON body with Content-Type: application/json");
        var body = await ReadLimitedAsync(request, maxBytes, cancellationToken);
        return Parse(body.Span, type);
    }

    /// <summary>
    /// <paramref name="body"/> as a <typeparamref name="T"/>, read as strictly as a request body (the gateway reads the
    /// specs foreign actor systems send with it, so both doors refuse the same documents with the same words).
    /// </summary>
    /// <exception cref="ApiProblemException">400: not strict JSON, or not the shape of <typeparamref name="T"/>.</exception>
    public static T Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type)
    {
        StrictJson.Check(body);
        var strict = (JsonTypeInfo<T>)StrictOptions.GetOrAdd(type.Options, options => new JsonSerializerOptions(options)
        {
            PropertyNameCaseInsensitive = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            AllowDuplicateProperties = false,
        }).GetTypeInfo(typeof(T));
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(body, strict);
        }
        catch (JsonException e)
        {
            throw ApiProblemException.InvalidArgument(FieldOf(e.Path), null, Describe(e));
        }
        return value ?? throw ApiProblemException.InvalidArgument("body", "null", "expected a JSON object");
    }

    /// <summary>
    /// The body, refused past <paramref name="maxBytes"/> whatever the server in front enforces (Kestrel's limit
    /// does not apply to every transport, and a chunked body has no length to check up front).
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            throw TooLarge(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static ApiProblemException TooLarge(long maxBytes) =>
        ApiProblemException.InvalidArgument("body", null, $"the request body is larger than {maxBytes} bytes (actor-supervisor.node.api.max-body-size)");

    /// <summary><c>$.healthcheck.retries</c> → <c>healthcheck.retries</c>; the root is <c>body</c>.</summary>
    internal static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Describe(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return "unknown field (field names are case-sensitive camelCase, e.g. stopTimeout); see the spec's fields in docs/api.md" + where;
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return "wrong type or out of range for this field" + where;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message) + where;
    }
}
