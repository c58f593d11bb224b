using System.Net;
using System.Text.Json;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv node logs</c> through the real CLI against a real node: the ring of its own log lines, filtered and followed.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class NodeLogsEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly Uri _node = fixture.Url;

    [Fact]
    public async Task Node_logs_tails_filters_by_level_and_follows_new_lines()
    {
        await Asv.OkAsync(_node, "run", "--name", "logs-a", "--", "sleep", "600");
        using var follower = Asv.Follow(_node, "node", "logs", "-f", "--level", "warn", "--tail", "0");
        // The follower is connected once the node has logged something new at warn and it arrives: keep causing one.
        var lines = await Eventually.ValueAsync(async () =>
            {
                // A missing program in exec is a user's mistake the node logs at warn ("exec in logs-a refused").
                await Asv.RunAsync(_node, "exec", "logs-a", "/no/such/program");
                return follower.Lines;
            },
            l => l.Any(line => line.Contains("exec in logs-a refused", StringComparison.Ordinal)), "the follower prints the warning", TimeSpan.FromSeconds(60));
        Assert.All(lines, line => Assert.Contains(" WARN ", line, StringComparison.Ordinal));
        Assert.Equal(0, await follower.InterruptAsync());

        var warnings = await Asv.OkAsync(_node, "node", "logs", "--level", "warn");
        Assert.Contains("exec in logs-a refused", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain(" INFO ", warnings, StringComparison.Ordinal);

        var all = await Asv.OkAsync(_node, "node", "logs");
        Assert.Contains(" INFO ", all, StringComparison.Ordinal);
        Assert.Contains("ActorSupervisor.", all, StringComparison.Ordinal);

        using var tail = JsonDocument.Parse(await Asv.OkAsync(_node, "node", "logs", "--tail", "3", "-o", "json"));
        Assert.Equal(3, tail.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Node_logs_refuses_a_bad_level_and_a_request_without_the_token()
    {
        var bad = await Asv.RunAsync(_node, "node", "logs", "--level", "loud");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown level 'loud'", bad.Err, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = _node };
        var anonymous = await http.GetAsync(ApiRoutes.NodeLogs);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
