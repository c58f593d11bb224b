using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv apply -f</c> making a real node match a file: create, update in place, prune, and a dry run.</summary>
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

    public void Dispose() => _files.Dispose();

    private async Task<Dictionary<string, (string Id, string Restart)>> ContainersAsync()
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node, "ps", "-a", "-o", "json"));
        return json.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("id").GetString()!, c.GetProperty("restart").GetString()!));
    }
}
