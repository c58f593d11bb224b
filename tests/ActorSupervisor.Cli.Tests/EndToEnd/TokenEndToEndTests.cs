using System.Net.Sockets;
using System.Text;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Cli.Tests.EndToEnd;

/// <summary>Issue 14 against a real node: the generated token, how asv finds it, what a 401 says, private files, JSON for Kestrel's refusals.</summary>
[Collection(EndToEndCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TokenEndToEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly NodeProcess _node = fixture.Node;

    [Fact]
    public async Task Asv_without_a_token_gets_401_and_is_told_how_to_get_one()
    {
        var result = await Asv.RunRawAsync("--node", _node.Url.ToString(), "ps");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("[unauthorized]", result.Err, StringComparison.Ordinal);
        Assert.Contains(_node.TokenFile, result.Err, StringComparison.Ordinal);
        Assert.Contains("actor-supervisor.node.api.token-group", result.Err, StringComparison.Ordinal);
        Assert.Contains("--token", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asv_finds_the_local_nodes_token_in_its_data_directory_with_no_token_flags()
    {
        var result = await Asv.RunWithAsync(new Dictionary<string, string?> { ["ASV_DATA_DIR"] = _node.DataDirectory },
            "--node", _node.Url.ToString(), "ps", "-a");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Asv_takes_token_file_and_token_flags_and_a_missing_file_is_a_usage_error()
    {
        var fromFile = await Asv.RunRawAsync("--node", _node.Url.ToString(), "--token-file", _node.TokenFile, "ps");
        var fromFlag = await Asv.RunRawAsync("--node", _node.Url.ToString(), "--token", _node.Token, "ps");
        var missing = await Asv.RunRawAsync("--node", _node.Url.ToString(), "--token-file", _node.TokenFile + ".nope", "ps");

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.True(fromFlag.ExitCode == 0, fromFlag.ToString());
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains(".nope", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_file_is_0600_and_the_data_directory_0700()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_node.TokenFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_node.DataDirectory));
        Assert.Contains(_node.TokenFile, _node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workload_logs_are_not_readable_by_other_users()
    {
        await Asv.OkAsync(_node.Url, "run", "--name", "private-logs", "--", "sh", "-c", "echo secret; sleep 30");
        var logs = Path.Combine(_node.DataDirectory, "logs");
        await Eventually.TrueAsync(() => Task.FromResult(Directory.EnumerateFiles(logs, "*", SearchOption.AllDirectories).Any()), "a log file exists");

        const UnixFileMode groupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        foreach (var directory in Directory.EnumerateDirectories(logs, "*", SearchOption.AllDirectories).Append(logs))
            Assert.True((File.GetUnixFileMode(directory) & groupOrOther) == 0, $"{directory}: {File.GetUnixFileMode(directory)}");
        foreach (var file in Directory.EnumerateFiles(logs, "*", SearchOption.AllDirectories))
            Assert.True((File.GetUnixFileMode(file) & groupOrOther) == 0, $"{file}: {File.GetUnixFileMode(file)}");
        await Asv.OkAsync(_node.Url, "rm", "-f", "private-logs");
    }

    [Theory]
    [InlineData("/%00", "400 Bad Request")]
    [InlineData("/api/v1/containers/%00", "400 Bad Request")]
    [InlineData(null, "414 URI Too Long")]
    public async Task Requests_kestrel_refuses_get_the_json_error_body(string? path, string status)
    {
        var target = path ?? "/" + new string('a', 10 * 1024);

        var response = await RawRequestAsync($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 " + status, response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", response, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"invalid_argument\"", response, StringComparison.Ordinal);
    }

    private async Task<string> RawRequestAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _node.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
