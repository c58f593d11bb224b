using System.Text.Json;
using ActorSupervisor.Cli.Apply;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Apply;

/// <summary><c>asv apply</c> against the in-memory node: plan, dry run, carrying out, pruning, refusals.</summary>
public sealed class ApplyCommandTests : IDisposable
{
    private readonly TempFiles files = new();
    private readonly FakeNodeClient node = new();
    private readonly CliRunner runner = new();
    private readonly string file;

    public ApplyCommandTests()
    {
        file = files.Write("containers.json", """
            { "containers": {
                "web": { "cmd": "python3 -m http.server", "restart": "always" },
                "worker": { "cmd": "sleep 1000", "restart": "on-failure:3", "memory": "64m" },
                "cron": { "cmd": "sleep 60" } } }
            """);
        AddExisting("worker", new RawContainerSpec { Cmd = "sleep 1000", Restart = "no", Memory = "67108864" }, applied: true);
        AddExisting("cron", new RawContainerSpec { Cmd = "sleep 5" }, applied: true);
        AddExisting("old", new RawContainerSpec { Cmd = "sleep 5" }, applied: true);
        AddExisting("by-hand", new RawContainerSpec { Cmd = "sleep 5" }, applied: false);
    }

    public void Dispose() => files.Dispose();

    private void AddExisting(string name, RawContainerSpec spec, bool applied)
    {
        var labels = applied ? new Dictionary<string, string> { [ApplyPlanner.AppliedLabel] = "true" } : new Dictionary<string, string>();
        node.Containers.Add(Samples.Summary(name, ContainerStates.Running) with { Name = name, Labels = labels });
        node.Infos[name] = Samples.Info(name, ContainerStates.Running) with { Spec = spec with { Name = name, Labels = labels } };
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_changes_nothing()
    {
        var result = await runner.RunAsync(node, "apply", "-f", file, "--prune", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"Plan for {file} on http://127.0.0.1:7411/:\n" +
            "  + create    web\n" +
            "  ~ update    worker\n" +
            "      restart: no -> on-failure:3\n" +
            "  ± recreate  cron\n" +
            "      command: sh -c \"sleep 5\" -> sh -c \"sleep 60\"\n" +
            "  - remove    old   (not in the file)\n" +
            "1 to create, 1 to update, 1 to recreate, 1 to remove, 0 unchanged.\n" +
            "Dry run: nothing was changed.\n", result.Out);
        Assert.DoesNotContain(node.Calls, c => c.StartsWith("create", StringComparison.Ordinal) || c.StartsWith("rm", StringComparison.Ordinal) || c.StartsWith("update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_creates_updates_recreates_and_prunes_in_plan_order()
    {
        var result = await runner.RunAsync(node, "apply", "-f", file, "--prune");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("created web\nupdated worker\nrecreated cron\nremoved old\n", result.Out);
        Assert.Equal(
            ["create web start=True", "update worker restart=on-failure:3", "rm cron force=True", "create cron start=True", "rm old force=True"],
            node.Calls.Where(c => !c.StartsWith("list", StringComparison.Ordinal) && !c.StartsWith("inspect", StringComparison.Ordinal)));
        Assert.Equal("true", node.Infos["web"].Spec.Labels![ApplyPlanner.AppliedLabel]);
        Assert.True(node.Infos.ContainsKey("by-hand"));
    }

    [Fact]
    public async Task The_plan_as_json_is_stable_for_scripts()
    {
        var result = await runner.RunAsync(node, "apply", "-f", file, "--dry-run", "-o", "json");
        using var plan = JsonDocument.Parse(result.Out);
        var actions = plan.RootElement.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("action").GetString(), a.GetProperty("name").GetString())).ToList();
        Assert.Equal([("create", "web"), ("update", "worker"), ("recreate", "cron")], actions);
        Assert.Equal(file, plan.RootElement.GetProperty("file").GetString());
    }

    [Fact]
    public async Task A_recreate_only_the_fingerprint_sees_gives_its_reason_in_text_and_json()
    {
        var tuned = files.Write("tuned.json", """[ { "name": "cron", "cmd": "sleep 5", "intensity": { "maxRestarts": 3, "window": "1m" } } ]""");
        node.Infos["cron"] = node.Infos["cron"] with
        {
            Spec = node.Infos["cron"].Spec with { Labels = new Dictionary<string, string> { [ApplyPlanner.AppliedLabel] = "true", [SpecDigest.Label] = "0123456789abcdef" } },
        };

        var text = await runner.RunAsync(node, "apply", "-f", tuned, "--dry-run");
        var json = await runner.RunAsync(node, "apply", "-f", tuned, "--dry-run", "-o", "json");

        Assert.Contains("  ± recreate  cron\n      spec changed: intensity or other settings the node does not echo\n", text.Out);
        using var plan = JsonDocument.Parse(json.Out);
        var action = Assert.Single(plan.RootElement.GetProperty("actions").EnumerateArray());
        Assert.Equal("spec changed: intensity or other settings the node does not echo", action.GetProperty("reason").GetString());
        Assert.Equal(0, action.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task A_refused_step_is_reported_the_rest_still_run_and_the_exit_is_1()
    {
        node.Refusals["update worker restart=on-failure:3"] = "container worker is being removed";
        var result = await runner.RunAsync(node, "apply", "-f", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("asv: update worker: container worker is being removed [conflict]\n", result.Err);
        Assert.Contains("recreated cron", result.Out);
    }

    [Fact]
    public async Task A_bad_file_changes_nothing_and_exits_2()
    {
        var bad = files.Write("bad.json", """[ { "name": "web", "cmd": "x", "restart": "sometimes" } ]""");
        var result = await runner.RunAsync(node, "apply", "-f", bad);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("restart 'sometimes'", result.Err);
        Assert.Empty(node.Calls);
    }
}
