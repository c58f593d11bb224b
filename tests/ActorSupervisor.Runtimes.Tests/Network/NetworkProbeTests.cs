using System.Net;
using System.Net.Sockets;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Runtimes;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values;

namespace ActorSupervisor.Runtimes.Tests.Network;

/// <summary>Issue 17: the node's own HTTP and TCP probes, against real sockets on loopback.</summary>
public sealed class NetworkProbeTests
{
    private static HealthCheck Http(Uri url, double timeoutSeconds = 5) => new() { HttpGet = url, Timeout = TimeSpan.FromSeconds(timeoutSeconds) };

    private static HealthCheck Tcp(int port) => new() { TcpConnect = new TcpTarget("127.0.0.1", port), Timeout = TimeSpan.FromSeconds(5) };

    [Theory]
    [InlineData(200, 0)]
    [InlineData(204, 0)]
    [InlineData(302, 0)]
    [InlineData(399, 0)]
    [InlineData(404, 1)]
    [InlineData(500, 1)]
    public async Task An_http_probe_passes_with_a_status_from_200_to_399(int status, int exitCode)
    {
        using var server = new ProbeServer { Status = status, Body = "state: fine" };

        var result = await NetworkProbe.RunAsync(Http(server.Url()));

        Assert.Equal(exitCode, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.StartsWith($"HTTP {status}", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests); // a redirect is not followed
    }

    [Fact]
    public async Task An_http_probes_output_is_the_status_line_and_the_body_kept_past_dockers_cap_for_the_monitor_to_cut()
    {
        using var server = new ProbeServer { Body = new string('x', 100_000) };

        var result = await NetworkProbe.RunAsync(Http(server.Url()));

        Assert.Equal(0, result.ExitCode);
        var body = result.Output[(result.Output.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        Assert.Equal(HealthMonitor.MaxOutputBytes + 1, body.Length);
        var entry = HealthMonitor.Entry(new HealthCheck(), result.ExitCode, body, result.Duration, result.TimedOut, DateTimeOffset.UnixEpoch);
        Assert.EndsWith("...", entry.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_probe_that_gets_no_answer_in_time_times_out()
    {
        using var server = new ProbeServer { Hang = true };

        var result = await NetworkProbe.RunAsync(Http(server.Url(), timeoutSeconds: 0.3));

        Assert.True(result.TimedOut);
        Assert.Equal(HealthMonitor.TimedOutExitCode, result.ExitCode);
        Assert.InRange(result.Duration, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_http_probe_to_a_closed_port_fails_saying_why()
    {
        var result = await NetworkProbe.RunAsync(Http(new Uri($"http://127.0.0.1:{ProbeServer.FreePort()}/")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("refused", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tcp_probe_passes_when_the_connection_opens_and_fails_when_refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;

        var passed = await NetworkProbe.RunAsync(Tcp(open));
        var refused = await NetworkProbe.RunAsync(Tcp(ProbeServer.FreePort()));

        Assert.Equal((0, $"connected to 127.0.0.1:{open}"), (passed.ExitCode, passed.Output));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refused", refused.Output, StringComparison.OrdinalIgnoreCase);
    }
}
