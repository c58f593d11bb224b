using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorSupervisor.Client.Http;

/// <summary>
/// Sends requests to one node and maps every failure to the client's two exceptions: no answer
/// (<see cref="NodeUnreachableException"/>) or a refusal (<see cref="ApiException"/>).
/// </summary>
internal sealed class NodeConnection(HttpClient http, Uri nodeUrl, string? token, TimeSpan requestTimeout)
{
    public Uri NodeUrl { get; } = nodeUrl;

    public async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<T> responseType,
        TimeSpan extraTime, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(extraTime, cancellationToken);
        using var response = await SendCheckedAsync(method, pathAndQuery, content, HttpCompletionOption.ResponseContentRead, timeout, cancellationToken);
        try
        {
            var value = await response.Content.ReadFromJsonAsync(responseType, timeout.Token);
            return value ?? throw Unexpected(pathAndQuery, "an empty body");
        }
        catch (JsonException e)
        {
            throw Unexpected(pathAndQuery, $"a body that is not the expected JSON ({e.Message})");
        }
    }

    public async Task SendAsync(HttpMethod method, string pathAndQuery, TimeSpan extraTime, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(extraTime, cancellationToken);
        using var response = await SendCheckedAsync(method, pathAndQuery, null, HttpCompletionOption.ResponseContentRead, timeout, cancellationToken);
    }

    /// <summary>A plain-text resource (<c>/metrics</c>); a refusal is an <see cref="ApiException"/> like any other.</summary>
    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(TimeSpan.Zero, cancellationToken);
        using var response = await SendCheckedAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, timeout, cancellationToken);
        return await response.Content.ReadAsStringAsync(timeout.Token);
    }

    /// <summary>Whether a probe (<c>/readyz</c>) answers with success.</summary>
    public async Task<bool> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(TimeSpan.Zero, cancellationToken);
        using var request = NewRequest(HttpMethod.Get, path, null);
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, timeout, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async IAsyncEnumerable<SseItem<string>> StreamAsync(string pathAndQuery, long? lastEventId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        using (var timeout = StartTimeout(TimeSpan.Zero, cancellationToken))
        {
            using var request = NewRequest(HttpMethod.Get, pathAndQuery, null);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout, cancellationToken);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw await ErrorResponses.ToExceptionAsync(response, cancellationToken);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using (stream)
            {
                var items = SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (items)
                {
                    while (await MoveNextAsync(items))
                        yield return items.Current;
                }
            }
        }
    }

    /// <summary>
    /// Opens a WebSocket (the exec route) over this client's connections, with the token. A refusal before the
    /// upgrade (401, a proxy) is an <see cref="ApiException"/> with the status; after it, the route says why in its messages.
    /// </summary>
    public async Task<System.Net.WebSockets.ClientWebSocket> OpenWebSocketAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var address = new UriBuilder(NodeUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery);
        address.Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        using var timeout = StartTimeout(TimeSpan.Zero, cancellationToken);
        try
        {
            await socket.ConnectAsync(address.Uri, http, timeout.Token);
            return socket;
        }
        catch (System.Net.WebSockets.WebSocketException e) when (socket.HttpStatusCode is not 0 and not System.Net.HttpStatusCode.SwitchingProtocols)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            var code = status == System.Net.HttpStatusCode.Unauthorized ? Contracts.ErrorCodes.Unauthorized : ApiException.UnexpectedResponseCode;
            throw new ApiException(status, new Contracts.ApiError(code, $"the node refused the connection: {(int)status} {status} ({e.Message.TrimEnd('.')})"));
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException)
        {
            socket.Dispose();
            throw new NodeUnreachableException(NodeUrl, (e.InnerException?.Message ?? e.Message).TrimEnd('.'), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new NodeUnreachableException(NodeUrl, "no answer in time", e);
        }
    }

    private async Task<bool> MoveNextAsync(IAsyncEnumerator<SseItem<string>> items)
    {
        try
        {
            return await items.MoveNextAsync();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new NodeUnreachableException(NodeUrl, "the connection was lost while streaming", e, streamInterrupted: true);
        }
    }

    private CancellationTokenSource StartTimeout(TimeSpan extraTime, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout + extraTime);
        return timeout;
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpMethod method, string pathAndQuery, HttpContent? content,
        HttpCompletionOption completion, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        using var request = NewRequest(method, pathAndQuery, content);
        var response = await SendRawAsync(request, completion, timeout, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ErrorResponses.ToExceptionAsync(response, cancellationToken);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery, HttpContent? content)
    {
        // Appended rather than resolved, so a node behind a proxy at http://host/asv/ keeps its prefix.
        var request = new HttpRequestMessage(method, new Uri(NodeUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery)) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion,
        CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, timeout.Token);
        }
        catch (HttpRequestException e)
        {
            throw new NodeUnreachableException(NodeUrl, Reason(e), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeUnreachableException(NodeUrl, "no answer in time", e);
        }
    }

    private static string Reason(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "the host name does not resolve",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        _ => (e.InnerException?.Message ?? e.Message).TrimEnd('.'),
    };

    private ApiException Unexpected(string path, string what) =>
        new(System.Net.HttpStatusCode.OK, new Contracts.ApiError(ApiException.UnexpectedResponseCode,
            $"{NodeUrl} answered {path} with {what}; is this an ActorSupervisor node of the same API version?"));
}
