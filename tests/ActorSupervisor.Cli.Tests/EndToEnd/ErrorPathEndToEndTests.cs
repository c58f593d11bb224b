using System.Text.Json;
using ActorSupervisor.Cli.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>Every way <c>asv</c> can fail against a real node: the message it prints, its exit code, and that nothing changed.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ErrorPathEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IDisposable
{
    private readonly Uri _node = fixture.Url;
    private readonly TempFiles _files = new();

    [Theory]
    [InlineData("inspect")]
    [InlineData("stop")]
    [InlineData("logs")]
    [InlineData("history")]
    public async Task An_unknown_container_exits_1_naming_it(string command)
    {
        var result = await Asv.RunAsync(_node, command, "no-such-box");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no-such-box", result.Err, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task A_node_that_is_down_exits_3_naming_the_address_tried()
    {
        var address = $"http://127.0.0.1:{NodeProcess.FreePort()}";

        var result = await Asv.RunRawAsync("--node", address, "ps");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains(address.Replace("http://", "", StringComparison.Ordinal), result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ps", "--bogus")]
    [InlineData("run", "--restart", "sometimes", "--", "true")]
    [InlineData("frobnicate")]
    public async Task A_bad_flag_exits_2_and_sends_nothing(params string[] args)
    {
        var result = await Asv.RunAsync(_node, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEmpty(result.Err);
        await AssertNoContainersAsync();
    }

    [Theory]
    [InlineData("bad-value.json", """{ "containers": { "web": { "cmd": "true", "restart": "sometimes" } } }""", "restart")]
    [InlineData("typo.json", """{ "containers": { "web": { "cmd": "true", "memroy": "1g" } } }""", "memroy")]
    [InlineData("broken.json", "{ \"containers\": {\n  \"web\": { \"cmd\": \"true\", }\n", "line")]
    [InlineData("bad-value.conf", "containers {\n  web {\n    cmd = \"true\"\n    stop-timeout = 5x\n  }\n}\n", "stopTimeout '5x'")]
    [InlineData("broken.conf", "containers {\n  web {\n    cmd = \"true\"\n", "line")]
    public async Task A_bad_spec_file_exits_non_zero_naming_the_file_and_the_place_and_creates_nothing(string name, string text, string place)
    {
        var file = _files.Write(name, text);

        foreach (var command in new[] { "apply", "run" })
        {
            var result = await Asv.RunAsync(_node, command, "-f", file);

            Assert.True(result.ExitCode == 2, $"{command}: {result}");
            Assert.Contains(name, result.Err, StringComparison.Ordinal);
            Assert.Contains(place, result.Err, StringComparison.OrdinalIgnoreCase);
        }
        await AssertNoContainersAsync();
    }

    [Theory]
    [InlineData("ps", "-a")]
    [InlineData("node", "info")]
    public async Task Json_output_parses(params string[] args)
    {
        var output = await Asv.OkAsync(_node, [.. args, "-o", "json"]);

        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.ValueKind is JsonValueKind.Array or JsonValueKind.Object, output);
    }

    public void Dispose() => _files.Dispose();

    private async Task AssertNoContainersAsync() => Assert.Empty((await Asv.OkAsync(_node, "ps", "-a", "-q")).Trim());
}
