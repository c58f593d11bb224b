using System.Text.Json;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv ps</c> with its flags and filters and <c>asv inspect</c>, against a real node.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ListingEndToEndTests(ListingFixture fixture) : IClassFixture<ListingFixture>
{
    private readonly Uri _node = fixture.Url;

    [Fact]
    public async Task Ps_lists_running_containers_and_ps_a_all_of_them()
    {
        await WaitUntilDoneExitedAsync();

        var running = await Asv.OkAsync(_node, "ps");
        var all = await Asv.OkAsync(_node, "ps", "-a");

        Assert.StartsWith("CONTAINER ID", running, StringComparison.Ordinal);
        Assert.Equal(["web", "worker"], Names(running));
        Assert.Equal(["done", "web", "worker"], Names(all));
        Assert.Contains("Exited (0)", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ps_q_prints_only_short_ids()
    {
        await WaitUntilDoneExitedAsync();

        var lines = Lines(await Asv.OkAsync(_node, "ps", "-a", "-q"));

        Assert.Equal(Ids("done", "web", "worker"), lines.Order());
    }

    [Theory]
    [InlineData("status=exited", new[] { "done" })]
    [InlineData("status=running", new[] { "web", "worker" })]
    [InlineData("health=healthy", new[] { "web" })]
    [InlineData("health=none", new[] { "done", "worker" })]
    [InlineData("label=tier=front", new[] { "web" })]
    [InlineData("label=tier", new[] { "web", "worker" })]
    [InlineData("name=work", new[] { "worker" })]
    public async Task Ps_filter_selects_the_matching_containers(string filter, string[] expected)
    {
        await WaitUntilDoneExitedAsync();
        await WaitUntilWebIsHealthyAsync();

        var lines = Lines(await Asv.OkAsync(_node, "ps", "-a", "-q", "--filter", filter));

        Assert.Equal(Ids(expected), lines.Order());
    }

    [Fact]
    public async Task Ps_o_json_parses_and_has_no_health_without_a_health_check()
    {
        await WaitUntilWebIsHealthyAsync();

        using var json = JsonDocument.Parse(await Asv.OkAsync(_node, "ps", "-o", "json"));

        var byName = json.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("healthy", byName["web"].GetProperty("health").GetString());
        var workerHealth = byName["worker"].TryGetProperty("health", out var health) ? health : default;
        Assert.True(workerHealth.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null, $"worker's health: {workerHealth}");
    }

    [Fact]
    public async Task Inspect_shows_health_with_the_last_results()
    {
        await Eventually.TrueAsync(async () => (await Asv.OkAsync(_node, "inspect", "web")).Contains("last 5 results", StringComparison.Ordinal),
            "five probe results are recorded", TimeSpan.FromSeconds(20));

        var sheet = await Asv.OkAsync(_node, "inspect", "web");

        Assert.Contains("Health: healthy, failing streak 0; last 5 results:", sheet, StringComparison.Ordinal);
        var probes = sheet.Split('\n').Where(l => l.Contains("probe-ok", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, probes.Count);
        Assert.All(probes, p => Assert.Contains(" 0 ", p, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node, "inspect", "-o", "json", "web"));
        Assert.Equal(5, json.RootElement[0].GetProperty("health").GetProperty("log").GetArrayLength());
    }

    private Task WaitUntilDoneExitedAsync() =>
        Eventually.TrueAsync(async () => Lines(await Asv.OkAsync(_node, "ps", "-a", "-q", "--filter", "status=exited")).Count == 1,
            "done has exited", TimeSpan.FromSeconds(20));

    private Task WaitUntilWebIsHealthyAsync() =>
        Eventually.TrueAsync(async () => Lines(await Asv.OkAsync(_node, "ps", "-q", "--filter", "health=healthy")).Count == 1,
            "web is healthy", TimeSpan.FromSeconds(20));

    private IEnumerable<string> Ids(params string[] names) => names.Select(n => fixture.Ids[n]).Order();

    private static List<string> Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static IEnumerable<string> Names(string table) =>
        Lines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).Order();
}
