using System.Diagnostics;
using System.Text.Json;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Groups declared in the node's HOCON (issue 17) on a real node process, seen through the real <c>asv</c>: created
/// at start beside the declared containers, left as they are at the next start, and a bad declaration refused at
/// start with exit 2 naming its HOCON path (by the same rule as the API's create).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DeclaredGroupEndToEndTests
{
    private const string Stack = """
        actor-supervisor.containers {
          decl-db { command = ["sleep", "1000"], restart = always }
          decl-app { command = ["sleep", "1000"], restart = always }
        }
        actor-supervisor.groups {
          decl-stack {
            strategy = one_for_all
            members = [decl-db, decl-app]
            intensity { max-restarts = 3, window = 1m }
          }
        }
        """;

    [Fact]
    public async Task A_declared_group_is_created_at_start_works_and_is_left_as_it_is_at_the_next_start()
    {
        await using var node = await NodeProcess.StartAsync(Stack);

        var group = await GroupAsync(node);
        Assert.Equal("one_for_all", group.GetProperty("strategy").GetString());
        Assert.Equal(["decl-db", "decl-app"], group.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(3, group.GetProperty("intensity").GetProperty("maxRestarts").GetInt32());
        var db = await PidAsync(node, "decl-db");
        var app = await PidAsync(node, "decl-app");

        Process.GetProcessById(app).Kill();

        await Eventually.TrueAsync(async () => await PidAsync(node, "decl-db") is var d && d > 0 && d != db
            && await PidAsync(node, "decl-app") is var a && a > 0 && a != app, "both members run again (one_for_all)", TimeSpan.FromSeconds(60));
        await Eventually.ValueAsync(() => GroupAsync(node), g => g.GetProperty("restartCount").GetInt32() == 1 && !g.TryGetProperty("plan", out _),
            "the group's restart is complete", TimeSpan.FromSeconds(60));

        Assert.Equal(0, await node.StopAsync());
        await node.StartAgainAsync();

        var again = await GroupAsync(node);
        Assert.Equal(1, again.GetProperty("restartCount").GetInt32()); // the same group, not created anew
        Assert.Single((await Asv.OkAsync(node.Url, "group", "ls")).Split('\n'), line => line.StartsWith("decl-stack", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("strategy = one_for_some\n members = [x]", "actor-supervisor.groups.bad.strategy' = \"one_for_some\": unknown strategy 'one_for_some'")]
    [InlineData("members = []", "actor-supervisor.groups.bad.members': is required")]
    [InlineData("members = [x, x]", "actor-supervisor.groups.bad.members': container x is listed twice")]
    [InlineData("members = [x]\n intensity { max-restarts = 2, window = 0s }", "actor-supervisor.groups.bad.intensity.window' = \"0s\": must be longer than zero")]
    [InlineData("members = [x]\n strategie = one_for_all", "actor-supervisor.groups.bad.strategie'")]
    [InlineData("members = [nobody]", "actor-supervisor.groups.bad.members': no such container: nobody")]
    public async Task A_bad_declared_group_stops_the_node_at_start_with_exit_2_naming_its_hocon_path(string body, string named)
    {
        await using var node = await NodeProcess.StartAsync($"actor-supervisor.groups {{\n bad {{\n {body}\n }}\n}}\n", waitUntilReady: false);

        await Eventually.TrueAsync(() => node.HasExited, "the node exits", TimeSpan.FromSeconds(60));
        var output = await node.FinalOutputAsync();
        Assert.True(node.ExitCode == 2, $"exit {node.ExitCode}\n{output}");
        Assert.Contains("configuration error", output, StringComparison.Ordinal);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> GroupAsync(NodeProcess node)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(node.Url, "group", "inspect", "decl-stack"));
        return json.RootElement.Clone();
    }

    private static async Task<int> PidAsync(NodeProcess node, string name)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(node.Url, "inspect", "-o", "json", name));
        var info = json.RootElement[0];
        return info.GetProperty("state").GetString() == "running" && info.TryGetProperty("pid", out var pid) ? pid.GetInt32() : 0;
    }
}
