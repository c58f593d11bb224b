using System.Diagnostics;
using System.Text.Json;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Container groups (issue 17) through the real <c>asv</c> on a real node with real processes: a member killed from
/// outside (its own failure, not an operator's) restarts the others under one_for_all and rest_for_one, and a group
/// that restarts more than its intensity allows gives up and stops every member. Bad input names the field.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GroupEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly NodeProcess _node = fixture.Node;

    private async Task RunMembersAsync(string prefix)
    {
        foreach (var member in new[] { "db", "app", "web" })
            await Asv.OkAsync(_node.Url, "run", "--name", $"{prefix}-{member}", "--restart", "always", "--", "sleep", "1000");
    }

    [Fact]
    public async Task One_for_all_restarts_every_member_when_one_dies_and_each_history_says_why()
    {
        await RunMembersAsync("ofa");
        Assert.Equal("ofa", (await Asv.OkAsync(_node.Url, "group", "create", "ofa", "--strategy", "one_for_all", "ofa-db", "ofa-app", "ofa-web")).Trim());
        var before = await PidsAsync("ofa");

        Process.GetProcessById(before["ofa-app"]).Kill();

        var after = await WaitForPidsAsync("ofa", pids => pids.All(p => p.Value != before[p.Key]), "every member runs again with a new process");
        Assert.All(after.Values, pid => Assert.True(pid > 0));
        foreach (var member in new[] { "ofa-db", "ofa-web" })
        {
            var history = await Asv.OkAsync(_node.Url, "history", member);
            Assert.Contains("restarted by group ofa (one_for_all) after ofa-app exited 137", history, StringComparison.Ordinal);
        }
        var group = await GroupAsync("ofa");
        Assert.Equal("one_for_all", group.GetProperty("strategy").GetString());
        Assert.Equal(1, group.GetProperty("restartCount").GetInt32());
        Assert.All(group.GetProperty("members").EnumerateArray(), m => Assert.Equal("running", m.GetProperty("state").GetString()));
        // Started in order: db, then app, then web.
        var started = new[] { "ofa-db", "ofa-app", "ofa-web" }.Select(n => StartedAtAsync(n).Result).ToList();
        Assert.True(started[0] <= started[1] && started[1] <= started[2], string.Join(", ", started));
    }

    [Fact]
    public async Task Rest_for_one_restarts_the_member_and_those_after_it_and_leaves_the_ones_before_alone()
    {
        await RunMembersAsync("rfo");
        await Asv.OkAsync(_node.Url, "group", "create", "rfo", "--strategy", "rest_for_one", "rfo-db", "rfo-app", "rfo-web");
        var before = await PidsAsync("rfo");

        Process.GetProcessById(before["rfo-app"]).Kill();

        var after = await WaitForPidsAsync("rfo", pids => pids["rfo-app"] != before["rfo-app"] && pids["rfo-web"] != before["rfo-web"],
            "app and web run again");
        Assert.Equal(before["rfo-db"], after["rfo-db"]);
        Assert.Contains("restarted by group rfo (rest_for_one) after rfo-app exited 137", await Asv.OkAsync(_node.Url, "history", "rfo-web"), StringComparison.Ordinal);
        Assert.DoesNotContain("restarted by group", await Asv.OkAsync(_node.Url, "history", "rfo-db"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_restarts_than_the_intensity_give_up_stopping_every_member_and_group_start_brings_them_back()
    {
        await RunMembersAsync("gu");
        await Asv.OkAsync(_node.Url, "group", "create", "gu", "--strategy", "one_for_all", "--max-restarts", "1", "--within", "1m", "gu-db", "gu-app", "gu-web");
        var first = await PidsAsync("gu");
        Process.GetProcessById(first["gu-db"]).Kill();
        var second = await WaitForPidsAsync("gu", pids => pids.All(p => p.Value != first[p.Key] && p.Value > 0), "the first group restart");
        await Eventually.ValueAsync(() => GroupAsync("gu"), g => g.GetProperty("restartCount").GetInt32() == 1 && !g.TryGetProperty("plan", out _),
            "the first restart is complete");

        Process.GetProcessById(second["gu-db"]).Kill();

        var gaveUp = await Eventually.ValueAsync(() => GroupAsync("gu"), g => g.GetProperty("status").GetString() == "gave_up" && !g.TryGetProperty("plan", out _),
            "the group gave up", TimeSpan.FromSeconds(60));
        Assert.Equal("group gu (one_for_all) gave up after gu-db exited 137: more than 1 restarts within 1m0s", gaveUp.GetProperty("gaveUpReason").GetString());
        Assert.All(gaveUp.GetProperty("members").EnumerateArray(), m => Assert.Equal("exited", m.GetProperty("state").GetString()));
        foreach (var pid in second.Values.Where(p => p > 0))
            await Eventually.TrueAsync(() => !IsAlive(pid), $"process {pid} ended");

        await Asv.OkAsync(_node.Url, "group", "start", "gu");
        var back = await GroupAsync("gu");
        Assert.Equal("active", back.GetProperty("status").GetString());
        Assert.All(back.GetProperty("members").EnumerateArray(), m => Assert.Equal("running", m.GetProperty("state").GetString()));
        Assert.Contains("gu", await Asv.OkAsync(_node.Url, "group", "ls"), StringComparison.Ordinal);
        await Asv.OkAsync(_node.Url, "group", "stop", "gu");
        Assert.All((await GroupAsync("gu")).GetProperty("members").EnumerateArray(), m => Assert.Equal("exited", m.GetProperty("state").GetString()));
        await Asv.OkAsync(_node.Url, "group", "rm", "gu");
        Assert.DoesNotContain("gu", await Asv.OkAsync(_node.Url, "group", "ls"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_changes_nothing()
    {
        await Asv.OkAsync(_node.Url, "run", "--name", "bad-a", "--", "sleep", "1000");
        var strategy = await Asv.RunAsync(_node.Url, "group", "create", "bad", "--strategy", "one_for_some", "bad-a");
        Assert.NotEqual(0, strategy.ExitCode);
        Assert.Contains("strategy: unknown strategy 'one_for_some'", strategy.Err, StringComparison.Ordinal);
        var unknown = await Asv.RunAsync(_node.Url, "group", "create", "bad", "bad-a", "nobody");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("members: no such container: nobody", unknown.Err, StringComparison.Ordinal);
        await Asv.OkAsync(_node.Url, "group", "create", "bad-one", "bad-a");
        var twice = await Asv.RunAsync(_node.Url, "group", "create", "bad-two", "bad-a");
        Assert.Contains("members: container bad-a is already a member of group bad-one", twice.Err, StringComparison.Ordinal);
        var missing = await Asv.RunAsync(_node.Url, "group", "inspect", "bad");
        Assert.Contains("no such group: bad", missing.Err, StringComparison.Ordinal);
        var intensity = await Asv.RunAsync(_node.Url, "group", "create", "bad", "--max-restarts", "2", "--within", "0s", "bad-a");
        Assert.Contains("intensity.window", intensity.Err, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, int>> PidsAsync(string prefix)
    {
        var pids = new Dictionary<string, int>();
        foreach (var member in new[] { "db", "app", "web" })
        {
            using var json = JsonDocument.Parse(await Asv.OkAsync(_node.Url, "inspect", "-o", "json", $"{prefix}-{member}"));
            var info = json.RootElement[0];
            pids[$"{prefix}-{member}"] = info.GetProperty("state").GetString() == "running" && info.TryGetProperty("pid", out var pid) ? pid.GetInt32() : 0;
        }
        return pids;
    }

    private Task<Dictionary<string, int>> WaitForPidsAsync(string prefix, Func<Dictionary<string, int>, bool> accept, string what) =>
        Eventually.ValueAsync(() => PidsAsync(prefix), pids => pids.Values.All(p => p > 0) && accept(pids), what, TimeSpan.FromSeconds(60));

    private async Task<DateTimeOffset> StartedAtAsync(string name)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node.Url, "inspect", "-o", "json", name));
        return json.RootElement[0].GetProperty("startedAt").GetDateTimeOffset();
    }

    private async Task<JsonElement> GroupAsync(string name)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node.Url, "group", "inspect", name));
        return json.RootElement.Clone();
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
