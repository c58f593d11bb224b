using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv apply -f</c> making a real node match a file: create, update in place, recreate on a change the node does not echo, prune, and a dry run.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ApplyEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IDisposable
{
    private readonly Uri _node = fixture.Url;
    private readonly TempFiles _files = new();

    [Fact]
    public async Task Apply_creates_updates_and_prunes_and_a_dry_run_changes_nothing()
    {
        var file = _files.Write("stack.json", """
            { "containers": {
                "alpha": { "command": ["sleep", "60"], "restart": "no" },
                "beta": { "command": ["sleep", "60"], "labels": { "tier": "back" } } } }
            """);
        var created = await Asv.OkAsync(_node, "apply", "-f", file);
        Assert.Contains("created alpha", created, StringComparison.Ordinal);
        Assert.Contains("created beta", created, StringComparison.Ordinal);
        var alphaId = (await ContainersAsync())["alpha"].Id;

        _files.Write("stack.json", """
            { "containers": { "alpha": { "command": ["sleep", "60"], "restart": "always" } } }
            """);
        var plan = await Asv.OkAsync(_node, "apply", "-f", file, "--prune", "--dry-run");

        Assert.Contains("~ update    alpha", plan, StringComparison.Ordinal);
        Assert.Contains("restart: no -> always", plan, StringComparison.Ordinal);
        Assert.Contains("- remove    beta", plan, StringComparison.Ordinal);
        Assert.Contains("0 to create, 1 to update, 0 to recreate, 1 to remove", plan, StringComparison.Ordinal);
        var untouched = await ContainersAsync();
        Assert.Equal(["alpha", "beta"], untouched.Keys.Order());
        Assert.Equal("no", untouched["alpha"].Restart);

        var applied = await Asv.OkAsync(_node, "apply", "-f", file, "--prune");

        Assert.Contains("updated alpha", applied, StringComparison.Ordinal);
        Assert.Contains("removed beta", applied, StringComparison.Ordinal);
        var after = await ContainersAsync();
        Assert.Equal(["alpha"], after.Keys);
        Assert.Equal("always", after["alpha"].Restart);
        Assert.Equal(alphaId, after["alpha"].Id);
        Assert.Contains("0 to create, 0 to update, 0 to recreate, 0 to remove, 1 unchanged",
            await Asv.OkAsync(_node, "apply", "-f", file, "--prune", "--dry-run"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backoff_only_change_recreates_the_container_and_applying_again_changes_nothing()
    {
        const string Stack = """
            containers {
              gamma { command = [sleep, "60"], restart = "on-failure:3", backoff { initial = INITIAL } }
            }
            """;
        var file = _files.Write("backoff.conf", Stack.Replace("INITIAL", "100ms", StringComparison.Ordinal));
        Assert.Contains("created gamma", await Asv.OkAsync(_node, "apply", "-f", file), StringComparison.Ordinal);
        var (firstId, firstDigest) = await InspectAsync("gamma");

        _files.Write("backoff.conf", Stack.Replace("INITIAL", "2s", StringComparison.Ordinal));
        var plan = await Asv.OkAsync(_node, "apply", "-f", file, "--dry-run");
        Assert.Contains("± recreate  gamma\n      spec changed: backoff or other settings the node does not echo\n", plan, StringComparison.Ordinal);
        Assert.Contains("0 to create, 0 to update, 1 to recreate, 0 to remove, 0 unchanged", plan, StringComparison.Ordinal);
        Assert.Contains("recreated gamma", await Asv.OkAsync(_node, "apply", "-f", file), StringComparison.Ordinal);
        var (secondId, secondDigest) = await InspectAsync("gamma");
        Assert.NotEqual(firstId, secondId);
        Assert.NotEqual(firstDigest, secondDigest);

        var again = await Asv.OkAsync(_node, "apply", "-f", file);
        Assert.Contains("0 to create, 0 to update, 0 to recreate, 0 to remove, 1 unchanged", again, StringComparison.Ordinal);
        Assert.Equal((secondId, secondDigest), await InspectAsync("gamma"));
        await Asv.OkAsync(_node, "rm", "-f", "gamma");
    }

    [Fact]
    public async Task Numbers_in_a_spec_mean_the_same_to_asv_and_to_the_node_api()
    {
        // Issue 15: memory in bytes and stopTimeout in seconds, as Docker's API; a bare duration is refused naming the field.
        var file = _files.Write("numbers.json", """{ "name": "numbers", "command": ["sleep", "60"], "stopTimeout": 7, "memory": 67108864 }""");
        await Asv.OkAsync(_node, "run", "-f", file);
        var viaCli = JsonDocument.Parse(await Asv.OkAsync(_node, "inspect", "numbers", "-o", "json")).RootElement[0].GetProperty("spec");

        using var http = new HttpClient { BaseAddress = _node };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", File.ReadAllText(NodeProcess.TokenFileOf(_node)!).Trim());
        using var created = await http.PostAsync("/api/v1/containers", new StringContent(
            """{ "name": "numbers2", "command": ["sleep", "60"], "stopTimeout": 7, "memory": 67108864 }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var viaApi = JsonDocument.Parse(await Asv.OkAsync(_node, "inspect", "numbers2", "-o", "json")).RootElement[0].GetProperty("spec");
        Assert.Equal(viaCli.GetProperty("stopTimeout").GetString(), viaApi.GetProperty("stopTimeout").GetString());
        Assert.Equal(viaCli.GetProperty("memory").GetString(), viaApi.GetProperty("memory").GetString());

        using var refused = await http.PostAsync("/api/v1/containers", new StringContent(
            """{ "name": "numbers3", "command": ["sleep", "60"], "healthcheck": { "test": ["CMD", "true"], "interval": 30 } }""",
            System.Text.Encoding.UTF8, "application/json"));
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Contains("healthcheck.interval", body, StringComparison.Ordinal);
        Assert.Contains("write a duration with its unit", body, StringComparison.Ordinal);
        await Asv.OkAsync(_node, "rm", "-f", "numbers", "numbers2");
    }

    public void Dispose() => _files.Dispose();

    private async Task<(string Id, string Digest)> InspectAsync(string name)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node, "inspect", "-o", "json", name));
        var info = json.RootElement[0];
        return (info.GetProperty("id").GetString()!, info.GetProperty("spec").GetProperty("labels").GetProperty("asv.applied.spec").GetString()!);
    }

    private async Task<Dictionary<string, (string Id, string Restart)>> ContainersAsync()
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node, "ps", "-a", "-o", "json"));
        return json.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("id").GetString()!, c.GetProperty("restart").GetString()!));
    }
}
