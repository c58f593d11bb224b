using System.Text.Json;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// <c>asv update</c> on a running workload, through the real CLI against a real node and a real process: the memory limit
/// reaches the workload's cgroup without a restart, a new health interval sets the probes' pace, a bad value changes nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UpdateEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IDisposable
{
    private const long Mebibyte = 1L << 20;
    private readonly Uri _node = fixture.Url;
    private readonly string _cgroupParent = fixture.Node.CgroupParent;
    private readonly string _scratch = Directory.CreateTempSubdirectory("asv-update-e2e-").FullName;

    [Fact]
    public async Task Update_memory_writes_the_running_workload_s_cgroup_limit_without_a_restart()
    {
        await Asv.OkAsync(_node, "run", "--name", "upd-mem", "-m", "32m", "--", "sleep", "600");
        var before = await InspectAsync("upd-mem");
        var pid = before.GetProperty("pid").GetInt32();
        var id = before.GetProperty("id").GetString()!;
        Assert.Equal(32 * Mebibyte, MemoryLimitOf(id));

        await Asv.OkAsync(_node, "update", "--memory", "64m", "--restart", "on-failure:3", "upd-mem");

        Assert.Equal(64 * Mebibyte, MemoryLimitOf(id));
        var after = await InspectAsync("upd-mem");
        Assert.Equal(pid, after.GetProperty("pid").GetInt32());
        Assert.Equal("running", after.GetProperty("state").GetString());
        Assert.Equal((64 * Mebibyte).ToString(System.Globalization.CultureInfo.InvariantCulture), after.GetProperty("spec").GetProperty("memory").GetString());
        Assert.Equal("on-failure:3", after.GetProperty("spec").GetProperty("restart").GetString());
        var history = await Asv.OkAsync(_node, "history", "upd-mem");
        Assert.Contains("memory limit changed from 32MiB to 64MiB", history, StringComparison.Ordinal);
        Assert.Contains("restart policy changed from no to on-failure:3", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_health_interval_sets_the_pace_of_the_next_probes()
    {
        var probes = Path.Combine(_scratch, "probes");
        // Docker's default 30 s interval: no probe would run in the 25 s the test waits below.
        await Asv.OkAsync(_node, "run", "--name", "upd-health", "--health-cmd", $"echo x >> {probes}", "--", "sleep", "600");

        await Asv.OkAsync(_node, "update", "--health-interval", "1s", "upd-health");

        await Eventually.TrueAsync(() => File.Exists(probes) && File.ReadAllLines(probes).Length >= 3,
            "three probes at the new 1s interval", TimeSpan.FromSeconds(25));
        var inspect = await InspectAsync("upd-health");
        Assert.Equal("1s", inspect.GetProperty("spec").GetProperty("healthcheck").GetProperty("interval").GetString());
        Assert.Equal("running", inspect.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_bad_value_is_refused_naming_the_field_and_changes_nothing()
    {
        await Asv.OkAsync(_node, "run", "--name", "upd-bad", "-m", "32m", "--health-cmd", "true", "--", "sleep", "600");
        var before = await InspectAsync("upd-bad");
        var id = before.GetProperty("id").GetString()!;

        // 1m parses, but is below Docker's 6MiB minimum: the node refuses the whole update, the valid interval too.
        var result = await Asv.RunAsync(_node, "update", "--memory", "1m", "--health-interval", "2s", "upd-bad");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("memory", result.Err, StringComparison.Ordinal);
        Assert.Contains("minimum memory limit", result.Err, StringComparison.Ordinal);
        var after = await InspectAsync("upd-bad");
        Assert.Equal(before.GetProperty("spec").GetRawText(), after.GetProperty("spec").GetRawText());
        Assert.Equal(32 * Mebibyte, MemoryLimitOf(id));
        Assert.DoesNotContain("update", await Asv.OkAsync(_node, "history", "upd-bad"), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private async Task<JsonElement> InspectAsync(string name)
    {
        using var json = JsonDocument.Parse(await Asv.OkAsync(_node, "inspect", "-o", "json", name));
        return json.RootElement[0].Clone();
    }

    /// <summary>
    /// The memory limit of the container's cgroup (v1's memory.limit_in_bytes or v2's memory.max), where its workload runs:
    /// the workload's pid is its shim's, which stays outside the cgroup (as conmon).
    /// </summary>
    private long MemoryLimitOf(string containerId)
    {
        var v1 = Path.Combine("/sys/fs/cgroup/memory", _cgroupParent, containerId, "memory.limit_in_bytes");
        var file = File.Exists(v1) ? v1 : Path.Combine("/sys/fs/cgroup", _cgroupParent, containerId, "memory.max");
        return long.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
