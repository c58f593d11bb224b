using System.Net;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Api;

/// <summary>Issue 14: a node on loopback with no configured token generates one and requires it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LoopbackTokenApiTests : IAsyncLifetime
{
    private readonly NodeFactory _node = new();

    public async Task InitializeAsync() => await _node.ReadyClientAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_request_without_the_token_to_loopback_is_401_json_naming_the_token_file()
    {
        var anonymous = _node.CreateAnonymousClient();

        foreach (var path in new[] { ApiRoutes.Containers, ApiRoutes.Node, ApiRoutes.Metrics })
        {
            var response = await anonymous.GetAsync(path);
            var error = await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(Path.Combine(_node.DataDirectory, "api.token"), error.Message);
            Assert.Contains("--token", error.Message);
        }
    }

    [Fact]
    public async Task The_probes_stay_open_and_the_generated_token_is_accepted()
    {
        var anonymous = _node.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(ApiRoutes.Healthz)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(ApiRoutes.Readyz)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _node.CreateClient().GetAsync(ApiRoutes.Containers)).StatusCode);
    }

    [Fact]
    public void The_token_is_random_base64url_in_a_0600_file_in_a_0700_data_directory()
    {
        var file = Path.Combine(_node.DataDirectory, "api.token");

        Assert.Matches("^[A-Za-z0-9_-]{43}$", _node.Token);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_node.DataDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_node.DataDirectory, "store.db")));
        foreach (var side in new[] { "store.db-wal", "store.db-shm" }.Select(name => Path.Combine(_node.DataDirectory, name)).Where(File.Exists))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(side));
    }

    [Fact]
    public async Task A_restarted_node_keeps_its_token_and_tightens_a_loosened_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("asv-token-restart-").FullName;
        try
        {
            string token;
            await using (var first = new NodeFactory(dataDirectory: directory))
            {
                await first.ReadyClientAsync();
                token = first.Token;
            }
            var file = Path.Combine(directory, "api.token");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            File.SetUnixFileMode(directory, (UnixFileMode)0x1ED); // 0755

            await using var again = new NodeFactory(dataDirectory: directory);
            await again.ReadyClientAsync();

            Assert.Equal(token, again.Token);
            Assert.Equal(HttpStatusCode.OK, (await again.CreateClient().GetAsync(ApiRoutes.Containers)).StatusCode);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_token_group_may_read_the_token_file_and_pass_through_the_data_directory()
    {
        // Giving a file to a group needs root or membership; the root group is one every root test run can use.
        if (Environment.UserName != "root")
            return;
        await using var node = new NodeFactory(new Dictionary<string, string> { ["actor-supervisor:node:api:token-group"] = "root" });
        await node.ReadyClientAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(node.DataDirectory, "api.token")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute, File.GetUnixFileMode(node.DataDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(node.DataDirectory, "store.db")));
    }
}
