using System.Diagnostics;
using System.Text.Json;
using ActorSupervisor.Cli.Tests.EndToEnd;
using ActorSupervisor.Tests.Shared;
using Xunit.Abstractions;

namespace ActorSupervisor.Cli.Tests.Deploy;

/// <summary>
/// deploy/compose as a user runs it, on the Docker engine the test command started (tests/services/docker.sh):
/// both images built by deploy/image (the node's and PostgreSQL's), setup.sh's certificates and secrets, then
/// <c>docker-compose up</c>. The real asv, with the token setup.sh wrote, sees three members up through node1's
/// published API; a container created with restart always runs on some node; that node's container is killed
/// (<c>docker kill</c>: no graceful leave) and the container runs again on another node. <c>docker-compose down -v</c>
/// removes the containers, the network and the volumes whatever happened.
/// </summary>
/// <remarks>
/// Outside the end-to-end collection: its nodes run in the engine's containers on their own network and ports, so it
/// shares nothing with the tests that start node processes here.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ComposeEndToEndTests(ITestOutputHelper output)
{
    private static readonly string[] Nodes = ["node1", "node2", "node3"];
    private readonly string _project = $"asvc{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Three_nodes_form_a_cluster_and_a_killed_nodes_container_runs_again_on_another_node()
    {
        var socket = Environment.GetEnvironmentVariable("ASV_TEST_DOCKER_SOCK") is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException("ASV_TEST_DOCKER_SOCK is not set: run ./test.sh, or 'bash tests/services/docker.sh start DIR' and export what it prints");
        var docker = new Dictionary<string, string?> { ["DOCKER_HOST"] = $"unix://{socket}" };
        var root = RepositoryRoot();
        var directory = Directory.CreateTempSubdirectory("asv-compose-").FullName;
        // The tag ImageEndToEndTests (Node.Tests) builds too, with ASV_IMAGE_REUSE=1: one build serves both; it stays on
        // the test engine, which goes with its data root.
        const string nodeImage = "asv-node:e2e";
        var postgresImage = $"asv-postgres:{_project}";
        var clock = Stopwatch.StartNew();
        var up = false;
        try
        {
            await InstallComposeAsync(root);
            var builds = await Task.WhenAll(
                RunAsync("bash", [Path.Combine(root, "deploy", "image", "build.sh"), nodeImage], new(docker) { ["ASV_IMAGE_REUSE"] = "1" }, TimeSpan.FromMinutes(15)),
                RunAsync("bash", [Path.Combine(root, "deploy", "image", "postgres.sh"), postgresImage], docker, TimeSpan.FromMinutes(10)));
            Assert.All(builds, b => Assert.True(b.ExitCode == 0, b.Output));
            output.WriteLine($"images built at {clock.Elapsed.TotalSeconds:F0} s");

            foreach (var file in new[] { "docker-compose.yml", "node.conf" })
                File.Copy(Path.Combine(root, "deploy", "compose", file), Path.Combine(directory, file));
            var setup = await RunAsync("bash", [Path.Combine(root, "deploy", "compose", "setup.sh"), directory], docker, TimeSpan.FromMinutes(1));
            Assert.True(setup.ExitCode == 0, setup.Output);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, ".env")));
            var token = File.ReadAllLines(Path.Combine(directory, ".env")).Single(l => l.StartsWith("ASV_TOKEN=", StringComparison.Ordinal))["ASV_TOKEN=".Length..];
            var ports = Nodes.ToDictionary(n => n, _ => NodeProcess.FreePort());
            // The compose file runs the nodes privileged (a writable cgroup); an engine that cannot grant it (itself in a
            // sandbox without every capability, as this test machine) refuses to start such a container at all.
            var probe = await RunAsync("docker", ["run", "--rm", "--privileged", "--network", "none", Environment.GetEnvironmentVariable("ASV_TEST_DOCKER_IMAGE") ?? "asv-busybox:test", "true"],
                docker, TimeSpan.FromMinutes(1));
            var privileged = probe.ExitCode == 0;
            output.WriteLine(privileged ? "the engine runs privileged containers" : $"the engine cannot run privileged containers, the nodes run without: {probe.Stderr.Trim()}");
            File.AppendAllLines(Path.Combine(directory, ".env"),
            [
                $"ASV_NODE_IMAGE={nodeImage}", $"ASV_POSTGRES_IMAGE={postgresImage}", $"ASV_NODE_PRIVILEGED={(privileged ? "true" : "false")}",
                .. Nodes.Select((n, i) => $"ASV_API_PORT_{i + 1}={ports[n]}"),
            ]);

            up = true;
            var started = await ComposeAsync(directory, docker, "up", "-d");
            Assert.True(started.ExitCode == 0, started.Output);
            Uri Api(string node) => new($"http://127.0.0.1:{ports[node]}");
            var asv = new Dictionary<string, string?> { ["ASV_TOKEN"] = token };

            await Eventually.ValueAsync(() => Json(asv, Api("node1"), "cluster", "show"),
                view => view is { } v && v.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "up") == 3,
                "node1's API lists node1, node2 and node3 up", TimeSpan.FromSeconds(150));
            output.WriteLine($"cluster up at {clock.Elapsed.TotalSeconds:F0} s");

            // Why the nodes run privileged (docker-compose.yml): memory limits need a writable cgroup, which only that gives.
            // node1 may list node2 up before node2's own API answers.
            var info = await Eventually.ValueAsync(() => Json(asv, Api("node2"), "node", "info"), i => i is not null,
                "node2's API answers node info", TimeSpan.FromSeconds(60));
            var memoryLimits = info!.Value.GetProperty("capabilities").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "memory-limits");
            Assert.True(memoryLimits.GetProperty("available").GetBoolean() == privileged, $"privileged: {privileged}, memory limits: {memoryLimits}");

            var run = await Asv.RunWithAsync(asv, "--node", Api("node1").ToString(), "run", "--name", "web", "--restart", "always", "--cmd", "sleep 600");
            Assert.True(run.ExitCode == 0, run.ToString());
            var before = await Eventually.ValueAsync(() => Container(asv, Api("node1")), c => c?.State == "running",
                "web runs", TimeSpan.FromSeconds(60));
            var killed = before!.Node;
            Assert.Contains(killed, Nodes);

            var id = await ComposeAsync(directory, docker, "ps", "-q", killed);
            var kill = await RunAsync("docker", ["kill", id.Stdout.Trim()], docker, TimeSpan.FromMinutes(1));
            Assert.True(kill.ExitCode == 0, kill.Output);
            var killedAt = clock.Elapsed;
            var survivor = Api(Nodes.First(n => n != killed));
            var after = await Eventually.ValueAsync(() => Container(asv, survivor), c => c is { State: "running" } && c.Node != killed,
                $"web runs again on a node other than the killed {killed}", TimeSpan.FromSeconds(120));
            output.WriteLine($"web ran on {killed}, killed; running on {after!.Node} {(clock.Elapsed - killedAt).TotalSeconds:F0} s later");
            var state = await RunAsync("docker", ["inspect", "-f", "{{.State.Status}}", id.Stdout.Trim()], docker, TimeSpan.FromMinutes(1));
            Assert.Equal("exited", state.Stdout.Trim()); // the failover was the cluster's, not Docker restarting the node

            up = false;
            await DownAsync(directory, docker, failIfLeft: true);
            output.WriteLine($"down at {clock.Elapsed.TotalSeconds:F0} s");
        }
        catch
        {
            if (up)
                output.WriteLine((await ComposeAsync(directory, docker, "logs", "--no-color", "--tail", "60")).Output);
            throw;
        }
        finally
        {
            if (up)
                await DownAsync(directory, docker, failIfLeft: false);
            await RunAsync("docker", ["rmi", postgresImage], docker, TimeSpan.FromMinutes(1));
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record ContainerView(string State, string Node);

    private static async Task<ContainerView?> Container(Dictionary<string, string?> asv, Uri node)
    {
        var document = await Json(asv, node, "inspect", "web");
        if (document is not { } d) return null;
        var container = d.ValueKind == JsonValueKind.Array ? d[0] : d;
        return new(container.GetProperty("state").GetString()!, container.TryGetProperty("node", out var n) ? n.GetString() ?? "" : "");
    }

    /// <summary>asv's <c>-o json</c> document for a command, or null while the node does not answer it.</summary>
    private static async Task<JsonElement?> Json(Dictionary<string, string?> asv, Uri node, params string[] command)
    {
        var result = await Asv.RunWithAsync(asv, ["--node", node.ToString(), "-o", "json", .. command]);
        return result.ExitCode == 0 ? JsonDocument.Parse(result.Out).RootElement.Clone() : null;
    }

    /// <summary>
    /// <c>docker-compose down -v</c>: the containers, the network and the volumes. Anything of the project still on
    /// the engine afterwards is removed by hand, and fails the test when <paramref name="failIfLeft"/>.
    /// </summary>
    private async Task DownAsync(string directory, Dictionary<string, string?> docker, bool failIfLeft)
    {
        var down = await ComposeAsync(directory, docker, "down", "--volumes", "--remove-orphans", "--timeout", "10");
        var filter = $"label=com.docker.compose.project={_project}";
        var left = new List<string>();
        foreach (var (kind, remove) in new[] { ("container", "rm -f"), ("network", "rm"), ("volume", "rm -f") })
        {
            var list = await RunAsync("docker", [kind, "ls", "-q", .. kind == "container" ? ["-a"] : Array.Empty<string>(), "--filter", filter], docker, TimeSpan.FromMinutes(1));
            foreach (var id in list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                left.Add($"{kind} {id}");
                await RunAsync("docker", [kind, .. remove.Split(' '), id], docker, TimeSpan.FromMinutes(1));
            }
        }
        if (failIfLeft)
        {
            Assert.True(down.ExitCode == 0, down.Output);
            Assert.True(left.Count == 0, $"docker-compose down left: {string.Join(", ", left)}");
        }
    }

    private Task<ProgramResult> ComposeAsync(string directory, Dictionary<string, string?> docker, params string[] arguments)
    {
        // The .env file is the only source of the compose file's variables: none comes from the test's environment.
        var environment = new Dictionary<string, string?>(docker)
        {
            ["ASV_TOKEN"] = null, ["POSTGRES_PASSWORD"] = null, ["ASV_CLUSTER_TLS_PASSWORD"] = null,
        };
        return RunAsync("docker-compose", ["--project-name", _project, "--project-directory", directory, "--file", Path.Combine(directory, "docker-compose.yml"), .. arguments],
            environment, TimeSpan.FromMinutes(5), directory);
    }

    /// <summary>Debian's docker-compose, installed as root the way tests/services installs its packages when it is missing.</summary>
    private static async Task InstallComposeAsync(string root)
    {
        if ((await RunAsync("sh", ["-c", "command -v docker-compose"], new(), TimeSpan.FromSeconds(10))).ExitCode == 0) return;
        var install = await RunAsync("bash", ["-c", $"source '{Path.Combine(root, "tests", "services", "lib.sh")}' && apt_install docker-compose"], new(), TimeSpan.FromMinutes(10));
        Assert.True(install.ExitCode == 0, install.Output);
    }

    private static Task<ProgramResult> RunAsync(string program, IEnumerable<string> arguments, Dictionary<string, string?> environment, TimeSpan timeout,
        string? workingDirectory = null) => ProgramRun.RunAsync(program, arguments, timeout, environment, workingDirectory: workingDirectory);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorSupervisor.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("no ActorSupervisor.sln above " + AppContext.BaseDirectory);
    }
}
