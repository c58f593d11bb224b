using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>
/// The Docker Engine API over its unix socket with a plain <see cref="HttpClient"/>. The API version is the lower
/// of the daemon's and <see cref="MaxApiVersion"/>, asked once from <c>/version</c>. Failures become
/// <see cref="DockerApiException"/> (the daemon said no) or <see cref="RuntimeOperationException"/> (it cannot be reached).
/// </summary>
internal sealed class DockerClient : IDisposable
{
    /// <summary>The newest API version this client was written against.</summary>
    public const string MaxApiVersion = "1.43";

    private readonly HttpClient _http;
    private readonly string _socketPath;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _versionGate = new(1, 1);
    private string? _prefix;

    public DockerClient(string socketPath, TimeSpan timeout)
    {
        _socketPath = socketPath;
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The negotiated API version, once a call has been made.</summary>
    public string? ApiVersion { get; private set; }

    /// <summary>Sends a call and returns the answer's JSON (null for an empty body).</summary>
    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, JsonNode? body = null, CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? _timeout);
        using var response = await SendRawAsync(method, path, body, HttpCompletionOption.ResponseContentRead, deadline.Token, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
        return text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends a call whose answer is a stream (logs, events, an exec's output); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        return await SendRawAsync(method, path, body, HttpCompletionOption.ResponseHeadersRead, deadline.Token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a call that takes over its connection (<c>Upgrade: tcp</c>, Docker's hijack: an exec with stdin) on a
    /// connection of its own; the answer's stream then carries both ways, and its sending half can be closed alone.
    /// </summary>
    public async Task<HijackedConnection> HijackAsync(string path, JsonNode body, CancellationToken cancellationToken)
    {
        var prefix = await PrefixAsync(cancellationToken, cancellationToken).ConfigureAwait(false);
        Socket? connected = null;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), token).ConfigureAwait(false);
                    connected = socket;
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, prefix + path) { Content = JsonContent.Create(body) };
            request.Headers.Connection.Add("Upgrade");
            request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("tcp"));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_timeout);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw Unreachable(e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RuntimeOperationException($"the Docker daemon at {_socketPath} did not answer POST {path} in time", e);
            }
            if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
            {
                using (response)
                {
                    throw new DockerApiException(response.StatusCode, response.IsSuccessStatusCode
                        ? $"the daemon did not take over the connection (HTTP {(int)response.StatusCode})"
                        : await ErrorMessageAsync(response, deadline.Token).ConfigureAwait(false));
                }
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new HijackedConnection(http, response, stream, connected!);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _versionGate.Dispose();
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, JsonNode? body, HttpCompletionOption completion, CancellationToken headersToken, CancellationToken callerToken)
    {
        var prefix = await PrefixAsync(headersToken, callerToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, prefix + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, headersToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
        {
            throw new RuntimeOperationException($"the Docker daemon at {_socketPath} did not answer {method} {path} in time", e);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw new DockerApiException(response.StatusCode, await ErrorMessageAsync(response, headersToken).ConfigureAwait(false));
        }
    }

    private async Task<string> PrefixAsync(CancellationToken headersToken, CancellationToken callerToken)
    {
        if (_prefix is not null)
        {
            return _prefix;
        }
        await _versionGate.WaitAsync(headersToken).ConfigureAwait(false);
        try
        {
            if (_prefix is null)
            {
                JsonElement version;
                try
                {
                    version = await _http.GetFromJsonAsync<JsonElement>("version", headersToken).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw Unreachable(e);
                }
                catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
                {
                    throw new RuntimeOperationException($"the Docker daemon at {_socketPath} did not answer /version in time", e);
                }
                var daemon = version.GetProperty("ApiVersion").GetString() ?? MaxApiVersion;
                ApiVersion = Version.Parse(daemon) < Version.Parse(MaxApiVersion) ? daemon : MaxApiVersion;
                _prefix = string.Create(CultureInfo.InvariantCulture, $"v{ApiVersion}/");
            }
            return _prefix;
        }
        finally
        {
            _versionGate.Release();
        }
    }

    private RuntimeOperationException Unreachable(HttpRequestException e) =>
        new($"the Docker daemon at {_socketPath} is not reachable: {e.InnerException?.Message ?? e.Message}", e);

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (JsonDocument.Parse(text).RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } m)
            {
                return m;
            }
        }
        catch (JsonException)
        {
            // Not JSON: use the text as it is.
        }
        return text.Length > 0 ? text.Trim() : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    /// <summary>Whether <paramref name="e"/> is the daemon saying that the object does not exist.</summary>
    public static bool IsNotFound(Exception e) => e is DockerApiException { Status: HttpStatusCode.NotFound };
}

/// <summary>A connection Docker took over: its stream both ways, and its socket to close the sending half (stdin's end).</summary>
internal sealed class HijackedConnection(HttpClient http, HttpResponseMessage response, Stream stream, Socket socket) : IDisposable
{
    /// <summary>What the daemon sends (the exec's output) and what is sent to it (its input).</summary>
    public Stream Stream { get; } = stream;

    /// <summary>Ends the input: the daemon closes the exec's stdin, while its output still comes.</summary>
    public void CloseWrite()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The connection is gone already.
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        response.Dispose();
        http.Dispose();
    }
}
