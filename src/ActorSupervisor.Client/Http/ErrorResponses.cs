using System.Net;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Client.Http;

/// <summary>Turns a non-success answer into an <see cref="ApiException"/>, whether or not its body is an <see cref="ApiError"/>.</summary>
internal static class ErrorResponses
{
    private const int ExcerptLength = 200;

    public static async Task<ApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var error = TryReadError(body) ?? new ApiError(ApiException.UnexpectedResponseCode, Describe(response, body));
        return new ApiException(response.StatusCode, error);
    }

    private static ApiError? TryReadError(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, ApiJsonContext.Default.ApiError);
            return error is { Code.Length: > 0, Message.Length: > 0 } ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(HttpResponseMessage response, string body)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        var hint = response.StatusCode == HttpStatusCode.NotFound
            ? " (is this address an ActorSupervisor node?)"
            : "";
        var excerpt = body.Length > ExcerptLength ? body[..ExcerptLength] + "..." : body;
        return string.IsNullOrWhiteSpace(excerpt)
            ? $"the node answered {status}{hint}"
            : $"the node answered {status}{hint}: {excerpt.Trim()}";
    }
}
