using System.Globalization;
using System.Net;
using System.Text.Json;
using ActorSupervisor.Client;
using ActorSupervisor.Tests.Shared;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 15: per-container log settings through the real <c>asv</c> against a real node (Docker's <c>--log-opt
/// max-size/max-file</c>): kept in the spec, shown by inspect as Docker's HostConfig.LogConfig, honoured by rotation
/// (also for a workload adopted after a node restart), the node's HOCON settings the default; a bad one refused naming it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LogOptionsEndToEndTests(LogOptionsEndToEndTests.SmallLogNode fixture) : IClassFixture<LogOptionsEndToEndTests.SmallLogNode>
{
    private const int Lines = 300;
    private readonly NodeProcess _node = fixture.Node;

    /// <summary>Node defaults unlike any container's own settings below, so that each test sees whose settings rotate.</summary>
    public sealed class SmallLogNode : NodeFixture
    {
        protected override string Configuration => """
            actor-supervisor.node.runtimes.process.log-max-size = 4k
            actor-supervisor.node.runtimes.process.log-max-file = 2
            """;
    }

    // Some 60-byte records each: 300 of them fill a 2 KiB file about nine times over.
    private static string Writer(string? waitFor = null) =>
        (waitFor is null ? "" : $"while [ ! -e {waitFor} ]; do sleep 0.1; done; ") +
        $"i=0; while [ $i -lt {Lines} ]; do i=$((i+1)); echo line $i; done; sleep 300";

    [Fact]
    public async Task Log_opt_rotates_at_max_size_and_keeps_exactly_max_file_files()
    {
        await Asv.OkAsync(_node.Url, "run", "--name", "rotor", "--log-opt", "max-size=2k", "--log-opt", "max-file=3", "--cmd", Writer());

        using var inspect = JsonDocument.Parse(await Asv.OkAsync(_node.Url, "inspect", "-o", "json", "rotor"));
        var container = inspect.RootElement[0];
        var logConfig = container.GetProperty("hostConfig").GetProperty("logConfig");
        Assert.Equal("json-file", logConfig.GetProperty("type").GetString());
        Assert.Equal("2k", logConfig.GetProperty("config").GetProperty("max-size").GetString());
        Assert.Equal("3", logConfig.GetProperty("config").GetProperty("max-file").GetString());
        Assert.Equal("2k", container.GetProperty("spec").GetProperty("logOptions").GetProperty("max-size").GetString());
        Assert.Contains("max-file=3 max-size=2k", await Asv.OkAsync(_node.Url, "inspect", "rotor"), StringComparison.Ordinal);

        await AssertRotatedAsync("rotor", container.GetProperty("id").GetString()!, maxBytes: 2048, files: 3);
        await Asv.OkAsync(_node.Url, "rm", "-f", "rotor");
    }

    [Fact]
    public async Task Without_log_opt_the_nodes_hocon_settings_rotate()
    {
        await Asv.OkAsync(_node.Url, "run", "--name", "plain", "--cmd", Writer());

        using var inspect = JsonDocument.Parse(await Asv.OkAsync(_node.Url, "inspect", "-o", "json", "plain"));
        var container = inspect.RootElement[0];
        Assert.Empty(container.GetProperty("hostConfig").GetProperty("logConfig").GetProperty("config").EnumerateObject());
        Assert.False(container.GetProperty("spec").TryGetProperty("logOptions", out _));

        await AssertRotatedAsync("plain", container.GetProperty("id").GetString()!, maxBytes: 4096, files: 2);
        await Asv.OkAsync(_node.Url, "rm", "-f", "plain");
    }

    [Fact]
    public async Task A_workload_adopted_after_a_node_restart_keeps_its_containers_settings()
    {
        var trigger = Path.Combine(_node.Directory, "adopted.go");
        await Asv.OkAsync(_node.Url, "run", "--name", "adopted", "--log-opt", "max-size=2k", "--log-opt", "max-file=3", "--cmd", Writer(trigger));
        var before = await PidAsync("adopted");

        Assert.Equal(0, await _node.StopAsync());
        await _node.StartAgainAsync();
        Assert.Equal(before, await PidAsync("adopted"));

        // The workload writes only now, to the node that adopted it: that node must rotate by the container's settings.
        await File.WriteAllTextAsync(trigger, "");
        using var inspect = JsonDocument.Parse(await Asv.OkAsync(_node.Url, "inspect", "-o", "json", "adopted"));
        await AssertRotatedAsync("adopted", inspect.RootElement[0].GetProperty("id").GetString()!, maxBytes: 2048, files: 3);
        await Asv.OkAsync(_node.Url, "rm", "-f", "adopted");
    }

    [Theory]
    [InlineData("max-size=lots", "max-size")]
    [InlineData("max-size=10", "max-size")]
    [InlineData("max-size=101g", "max-size")]
    [InlineData("max-file=0", "max-file")]
    [InlineData("max-file=101", "max-file")]
    [InlineData("colour=blue", "colour")]
    [InlineData("max-size", "max-size")]
    public async Task A_bad_log_opt_is_refused_naming_it_and_creates_nothing(string option, string named)
    {
        var result = await Asv.RunAsync(_node.Url, "run", "--name", "badlog", "--log-opt", "max-file=2", "--log-opt", option, "--cmd", "true");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--log-opt", result.Err, StringComparison.Ordinal);
        Assert.Contains(named, result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("badlog", await Asv.OkAsync(_node.Url, "ps", "-a"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_a_bad_option_with_400_naming_it_and_creates_nothing()
    {
        var spec = new RawContainerSpec
        {
            Name = "badapi",
            Cmd = "true",
            LogOptions = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "0" },
        };

        var refused = await Assert.ThrowsAsync<ApiException>(() => _node.Client.CreateContainerAsync(spec));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var detail = Assert.Single(refused.Details);
        Assert.Equal(("logOptions.max-file", "0"), (detail.Field, detail.Value));
        Assert.DoesNotContain("badapi", await Asv.OkAsync(_node.Url, "ps", "-a"), StringComparison.Ordinal);
    }

    private async Task<int> PidAsync(string name)
    {
        using var inspect = JsonDocument.Parse(await Asv.OkAsync(_node.Url, "inspect", "-o", "json", name));
        return inspect.RootElement[0].GetProperty("pid").GetInt32();
    }

    private async Task AssertRotatedAsync(string name, string id, long maxBytes, int files)
    {
        await Eventually.TrueAsync(async () => (await Asv.OkAsync(_node.Url, "logs", name)).Contains($"line {Lines}\n", StringComparison.Ordinal),
            "the last line is logged", TimeSpan.FromSeconds(30));
        var directory = Path.Combine(_node.DataDirectory, "logs", id);
        var kept = Directory.GetFiles(directory, "container.log*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        // Rotated several times, and only the current file and max-file - 1 rotated ones kept.
        Assert.Equal(new[] { "container.log" }.Concat(Enumerable.Range(1, files - 1).Select(i => $"container.log.{i}")), kept);
        Assert.All(kept, file => Assert.InRange(new FileInfo(Path.Combine(directory, file!)).Length, 1, maxBytes));
        Assert.True(new FileInfo(Path.Combine(directory, "container.log.1")).Length > maxBytes - 100, "a file is rotated only once it is (nearly) full");
        // What asv logs shows is what the kept files hold: the newest lines, in order, ending with the last.
        var shown = (await Asv.OkAsync(_node.Url, "logs", name)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => int.Parse(l["line ".Length..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(shown[0], Lines - shown[0] + 1), shown);
        Assert.True(shown[0] > 1, "the oldest lines went with the dropped files");
    }
}
