using System.Text.Json;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary><c>asv node actors</c> through the real CLI against a real node: its actor tree, regions, and cut levels.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class NodeActorsEndToEndTests(NodeActorsEndToEndTests.OneShardNode fixture) : IClassFixture<NodeActorsEndToEndTests.OneShardNode>, IDisposable
{
    private const int Containers = 12;
    private readonly Uri _node = fixture.Url;
    private readonly string _specs = Path.Combine(Path.GetTempPath(), $"asv-actors-{Guid.NewGuid():N}.json");

    /// <summary>One shard: every container's entity lands in it, so the shard's level holds all twelve.</summary>
    public sealed class OneShardNode : NodeFixture
    {
        protected override string Configuration => "actor-supervisor.node.shard-count = 1";
    }

    [Fact]
    public async Task Node_actors_shows_the_tree_with_the_hosted_containers_and_cuts_large_levels_unless_all()
    {
        var names = Enumerable.Range(0, Containers).Select(i => $"actors-{i}").ToArray();
        await File.WriteAllTextAsync(_specs, "[" + string.Join(",", names.Select(n => $$"""{"name":"{{n}}","command":["sleep","600"]}""")) + "]");
        await Asv.OkAsync(_node, "create", "-f", _specs);
        using var inspect = JsonDocument.Parse(await Asv.OkAsync(_node, ["inspect", "-o", "json", .. names]));
        var ids = inspect.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

        var text = await Asv.OkAsync(_node, "node", "actors");
        var lines = text.Split('\n');
        Assert.Contains("/system/sharding/container", lines);
        Assert.Contains("/user", lines);
        var region = Assert.Single(lines, l => l.StartsWith("container ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["container", "1", Containers.ToString(System.Globalization.CultureInfo.InvariantCulture)], region);
        // The shard's level (12 entities and Akka's remember-entities store) shows 10 and counts the rest.
        Assert.Contains(lines, l => l.StartsWith("/system/sharding/container/", StringComparison.Ordinal) && l.EndsWith(" more of 13 (--all lists every one)", StringComparison.Ordinal));
        Assert.InRange(ids.Count(id => text.Contains(id, StringComparison.Ordinal)), 9, 10);

        using var cut = JsonDocument.Parse(await Asv.OkAsync(_node, "node", "actors", "-o", "json"));
        Assert.Equal(10, cut.RootElement.GetProperty("limit").GetInt32());

        var all = await Asv.OkAsync(_node, "node", "actors", "--all");
        Assert.DoesNotContain("--all lists", all, StringComparison.Ordinal);
        Assert.All(ids, id => Assert.Contains(id, all, StringComparison.Ordinal));
    }

    public void Dispose() => File.Delete(_specs);
}
