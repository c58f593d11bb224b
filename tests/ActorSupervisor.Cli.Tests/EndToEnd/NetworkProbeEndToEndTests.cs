using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 17: HTTP and TCP health probes made by a real node, declared through the real <c>asv</c>, against real
/// sockets whose answers the test changes.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class NetworkProbeEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly Uri _node = fixture.Url;

    [Fact]
    public async Task An_http_probe_follows_the_status_the_workloads_endpoint_answers()
    {
        using var server = new ProbeServer { Status = 200, Body = "all good" };
        await Asv.OkAsync(_node, "run", "--name", "http-probed", "--health-http", server.Url().ToString(),
            "--health-interval", "200ms", "--health-retries", "2", "--", "sleep", "600");

        var healthy = await HealthAsync("http-probed", "healthy");
        Assert.StartsWith("HTTP 200 OK\nall good", healthy.GetProperty("log")[0].GetProperty("output").GetString(), StringComparison.Ordinal);

        server.Status = 503;
        server.Body = "database down";
        var unhealthy = await HealthAsync("http-probed", "unhealthy");
        var last = unhealthy.GetProperty("log").EnumerateArray().Last();
        Assert.Equal(1, last.GetProperty("exitCode").GetInt32());
        Assert.Contains("database down", last.GetProperty("output").GetString(), StringComparison.Ordinal);

        var spec = await InspectAsync("http-probed");
        Assert.Equal(["HTTP", server.Url().ToString()], spec.GetProperty("spec").GetProperty("healthcheck").GetProperty("test").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_tcp_probe_is_healthy_while_the_port_accepts_and_a_bad_address_is_refused_before_anything_runs()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await Asv.OkAsync(_node, "run", "--name", "tcp-probed", "--health-tcp", $"127.0.0.1:{port}",
            "--health-interval", "200ms", "--health-retries", "1", "--", "sleep", "600");

        await HealthAsync("tcp-probed", "healthy");
        listener.Stop();
        var unhealthy = await HealthAsync("tcp-probed", "unhealthy");
        Assert.Contains("refused", unhealthy.GetProperty("log").EnumerateArray().Last().GetProperty("output").GetString(), StringComparison.OrdinalIgnoreCase);

        var bad = await Asv.RunAsync(_node, "run", "--name", "tcp-bad", "--health-tcp", "127.0.0.1:99999", "--", "sleep", "600");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--health-tcp: the port must be a number from 1 to 65535", bad.Err, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Asv.RunAsync(_node, "inspect", "tcp-bad")).ExitCode);
    }

    private async Task<JsonElement> InspectAsync(string name)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node, "inspect", "-o", "json", name));
        return json.RootElement[0].Clone();
    }

    private async Task<JsonElement> HealthAsync(string name, string status) =>
        await Eventually.ValueAsync(async () => (await InspectAsync(name)).GetProperty("health"),
            health => health.GetProperty("status").GetString() == status, $"{name} is {status}", TimeSpan.FromSeconds(30));
}
