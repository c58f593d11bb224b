using ActorSupervisor.Values;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorSupervisor.Containers.Domain.Health;

namespace ActorSupervisor.Containers.Runtimes;

/// <summary>
/// Health probes the node makes itself over the network, as Kubernetes' kubelet makes <c>httpGet</c> and
/// <c>tcpSocket</c> probes: from the node, whatever the runtime, so the address must be reachable from the node. The
/// result reads like an exec probe's: exit 0 for a pass, 1 for a failure, the output saying what was seen.
/// </summary>
public static class NetworkProbe
{
    // One client for every probe: its connection pool is shared, and each probe's timeout is its own token's.
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false, // a redirect is a pass (200–399), as for Kubernetes; it is not followed elsewhere
        UseCookies = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Runs <paramref name="check"/>'s HTTP or TCP probe within its timeout.</summary>
    /// <exception cref="ArgumentException">The check has no network probe.</exception>
    public static async Task<ProbeResult> RunAsync(HealthCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(check.Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var (passed, output) = check switch
            {
                { HttpGet: { } url } => await GetAsync(url, timeout.Token).ConfigureAwait(false),
                { TcpConnect: { } address } => await ConnectAsync(address, timeout.Token).ConfigureAwait(false),
                _ => throw new ArgumentException("the health check has no HTTP or TCP probe", nameof(check)),
            };
            return new ProbeResult(passed ? 0 : 1, output, clock.Elapsed, TimedOut: false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The health monitor words it as Docker words an exec probe's timeout.
            return new ProbeResult(HealthMonitor.TimedOutExitCode, "", clock.Elapsed, TimedOut: true);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException)
        {
            return new ProbeResult(1, e.Message, clock.Elapsed, TimedOut: false);
        }
    }

    private static async Task<(bool Passed, string Output)> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = new ProbeOutput();
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            await body.ReadFromAsync(stream, cancellationToken).ConfigureAwait(false);
        var code = (int)response.StatusCode;
        var status = string.Create(CultureInfo.InvariantCulture, $"HTTP {code} {response.ReasonPhrase}");
        var text = body.ToString();
        return (code is >= 200 and < 400, text.Length == 0 ? status : status + "\n" + text);
    }

    private static async Task<(bool Passed, string Output)> ConnectAsync(TcpTarget target, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new DnsEndPoint(target.Host, target.Port), cancellationToken).ConfigureAwait(false);
        return (true, $"connected to {target}");
    }
}
