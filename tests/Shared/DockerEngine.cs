using ActorSupervisor.Containers.Runtimes.Docker;

namespace ActorSupervisor.Tests.Shared;

/// <summary>
/// The Docker engine the test command started (tests/services/docker.sh): its socket and offline image from the
/// environment. Missing variables fail the tests with instructions; they are never skipped.
/// </summary>
public static class DockerEngine
{
    public static string Socket => Require("ASV_TEST_DOCKER_SOCK");

    public static string Image => Require("ASV_TEST_DOCKER_IMAGE");

    /// <summary>Force-removes the engine containers of <paramref name="containerIds"/> a test left; one never created (or gone) is fine.</summary>
    public static async Task RemoveContainersAsync(IEnumerable<string> containerIds)
    {
        await using var runtime = new DockerRuntime(new DockerRuntimeOptions { SocketPath = Socket, NodeId = "test-cleanup" });
        foreach (var id in containerIds)
            await runtime.RemoveAsync(id);
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: the Docker runtime tests need the engine that tests/services/docker.sh starts. " +
                "Run ./test.sh, or run 'bash tests/services/docker.sh start /tmp/asv-docker' and export the lines it prints" +
                (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: a missing engine is a failure)" : ""));
}
