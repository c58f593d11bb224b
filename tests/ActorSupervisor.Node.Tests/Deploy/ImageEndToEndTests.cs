using ActorSupervisor.Node.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Node.Tests.Deploy;

/// <summary>
/// deploy/image/build.sh builds the node's image on the Docker engine the test command started
/// (tests/services/docker.sh), and a node in it serves asv, runs a workload through its process runtime and shows
/// its output. The image has no network here: everything is driven through <c>docker exec</c> on its loopback.
/// </summary>
public sealed class ImageEndToEndTests
{
    // Shared with ComposeEndToEndTests (Cli.Tests), which builds the same tag with ASV_IMAGE_REUSE=1: whichever test
    // comes second waits for the first's build and reuses it. Left on the test engine, which goes with its data root.
    private const string Tag = "asv-node:e2e";

    [Fact]
    public async Task The_image_runs_a_node_that_supervises_a_workload()
    {
        var socket = Environment.GetEnvironmentVariable("ASV_TEST_DOCKER_SOCK") is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException("ASV_TEST_DOCKER_SOCK is not set: run ./test.sh, or 'bash tests/services/docker.sh start DIR' and export what it prints");
        var docker = new Docker($"unix://{socket}");
        var build = await ProgramRun.RunAsync("bash", [RepositoryFiles.File("deploy", "image", "build.sh"), Tag], TimeSpan.FromMinutes(15),
            new Dictionary<string, string?>(docker.Environment) { ["ASV_IMAGE_REUSE"] = "1" });
        Assert.True(build.ExitCode == 0, build.Output);
        var name = $"asv-e2e-{Guid.NewGuid():N}"[..20];
        try
        {
            var run = await docker.RunAsync(["run", "-d", "--network", "none", "--name", name, Tag]);
            Assert.True(run.ExitCode == 0, run.Output);
            await Eventually.TrueAsync(async () => (await docker.RunAsync(["exec", name, "wget", "-qO-", "http://127.0.0.1:7411/readyz"])).ExitCode == 0,
                "the node in the image is ready", TimeSpan.FromSeconds(90));

            var created = await docker.RunAsync(["exec", name, "asv", "run", "--name", "hello", "--cmd", "echo hello from the image; sleep 300"]);
            Assert.True(created.ExitCode == 0, created.Output);
            await Eventually.TrueAsync(async () => (await docker.RunAsync(["exec", name, "asv", "logs", "hello"])).Output.Contains("hello from the image", StringComparison.Ordinal),
                "the workload's output reaches asv logs", TimeSpan.FromSeconds(30));
            var ps = await docker.RunAsync(["exec", name, "asv", "ps"]);
            Assert.Contains("Up ", ps.Output, StringComparison.Ordinal);
        }
        finally
        {
            await docker.RunAsync(["rm", "-f", name]);
        }
    }

    private sealed class Docker(string host)
    {
        public Dictionary<string, string?> Environment { get; } = new() { ["DOCKER_HOST"] = host };

        public Task<ProgramResult> RunAsync(string[] arguments) => ProgramRun.RunAsync("docker", arguments, TimeSpan.FromMinutes(2), Environment);
    }
}
