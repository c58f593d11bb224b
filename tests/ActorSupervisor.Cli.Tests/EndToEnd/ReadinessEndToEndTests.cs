using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 17, Kubernetes' readiness/liveness split on a real node through the real <c>asv</c>: a readiness HTTP probe
/// against a real socket turns not ready when it answers 503 and restarts nothing; the health check beside it still
/// restarts the container on unhealthy (Docker's HEALTHCHECK as liveness).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReadinessEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IDisposable
{
    private readonly Uri _node = fixture.Url;
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_readiness_probe_answered_503_makes_it_not_ready_and_restarts_nothing()
    {
        using var server = new ProbeServer { Status = 200, Body = "ready" };
        await Asv.OkAsync(_node, "run", "--name", "ready-web", "--restart", "always", "--readiness-http", server.Url("/ready").ToString(),
            "--readiness-interval", "200ms", "--readiness-retries", "2", "--", "sleep", "600");

        var ready = await ReadinessAsync("ready-web", "ready");
        Assert.StartsWith("HTTP 200 OK\nready", ready.GetProperty("log")[0].GetProperty("output").GetString(), StringComparison.Ordinal);
        var before = await InspectAsync("ready-web");
        Assert.Contains("(ready)", await Asv.OkAsync(_node, "ps", "--filter", "name=ready-web"), StringComparison.Ordinal);

        server.Status = 503;
        server.Body = "draining";
        var notReady = await ReadinessAsync("ready-web", "not_ready");
        Assert.True(notReady.GetProperty("failingStreak").GetInt32() >= 2);
        Assert.Contains("draining", notReady.GetProperty("log").EnumerateArray().Last().GetProperty("output").GetString(), StringComparison.Ordinal);

        // It gates nothing: the same workload runs on, no restart, no kill.
        var requests = server.Requests;
        await Eventually.TrueAsync(() => server.Requests >= requests + 3, "the probe keeps running while not ready", TimeSpan.FromSeconds(30));
        var after = await InspectAsync("ready-web");
        Assert.Equal(("running", 0, before.GetProperty("pid").GetInt32()),
            (after.GetProperty("state").GetString(), after.GetProperty("restartCount").GetInt32(), after.GetProperty("pid").GetInt32()));
        Assert.False(after.TryGetProperty("health", out var health) && health.ValueKind != JsonValueKind.Null);
        Assert.Contains("(not ready)", await Asv.OkAsync(_node, "ps", "--filter", "name=ready-web"), StringComparison.Ordinal);

        var history = await PrintedEvent.HistoryAsync(_node, "ready-web");
        Assert.Equal(["ready", "not_ready"], history.Where(e => e.Type == "readiness_status").Select(e => e.Attributes["status"]));
        Assert.DoesNotContain(history, e => e.Type is "kill" or "die" or "readiness_probe");
        Assert.Contains("nothing is restarted", history.Last(e => e.Type == "readiness_status").Why, StringComparison.Ordinal);

        server.Status = 200;
        await ReadinessAsync("ready-web", "ready");
    }

    [Fact]
    public async Task Liveness_still_restarts_on_unhealthy_beside_a_readiness_probe_declared_in_hocon()
    {
        using var server = new ProbeServer { Status = 503 };
        var sick = _files.PathOf("sick");
        var file = _files.Write("live.conf", $$"""
            containers {
              live-web {
                cmd = "sleep 600"
                restart = always
                healthcheck { test = ["CMD-SHELL", "test ! -e {{sick}}"], interval = 200ms, retries = 1 }
                restartOnUnhealthy { limit = 1 }
                readiness { test = ["HTTP", "{{server.Url("/ready")}}"], interval = 200ms, retries = 1 }
              }
            }
            """);
        await Asv.OkAsync(_node, "run", "--file", file);
        await ReadinessAsync("live-web", "not_ready");
        var first = await InspectAsync("live-web");
        Assert.Equal(("running", 0), (first.GetProperty("state").GetString(), first.GetProperty("restartCount").GetInt32()));
        Assert.Equal(["HTTP", server.Url("/ready").ToString()],
            first.GetProperty("spec").GetProperty("readiness").GetProperty("test").EnumerateArray().Select(t => t.GetString()));

        await File.WriteAllTextAsync(sick, "");
        await Eventually.ValueAsync(async () => await InspectAsync("live-web"), c => c.GetProperty("restartCount").GetInt32() >= 1,
            "the health check (liveness) restarts it", TimeSpan.FromSeconds(30));
        File.Delete(sick);
        server.Status = 200;
        await ReadinessAsync("live-web", "ready");
    }

    public void Dispose() => _files.Dispose();

    private async Task<JsonElement> InspectAsync(string name)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node, "inspect", "-o", "json", name));
        return json.RootElement[0].Clone();
    }

    private async Task<JsonElement> ReadinessAsync(string name, string status) =>
        await Eventually.ValueAsync(async () => (await InspectAsync(name)).GetProperty("readiness"),
            readiness => readiness.ValueKind == JsonValueKind.Object && readiness.GetProperty("status").GetString() == status,
            $"{name} is {status}", TimeSpan.FromSeconds(30));
}
