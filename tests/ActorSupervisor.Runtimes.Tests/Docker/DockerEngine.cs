using ActorSupervisor.Containers.Runtimes.Docker;

namespace ActorSupervisor.Runtimes.Tests.Docker;

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
        using var client = new DockerClient(Socket, TimeSpan.FromSeconds(30));
        foreach (var id in containerIds)
        {
            try
            {
                await client.SendAsync(HttpMethod.Delete, $"containers/{DockerRuntime.DockerName(id)}?force=1");
            }
            catch (DockerApiException)
            {
                // Never created, or gone already.
            }
        }
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: the Docker runtime tests need the engine that tests/services/docker.sh starts. " +
                "Run ./test.sh, or run 'bash tests/services/docker.sh start /tmp/asv-docker' and export the lines it prints" +
                (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: a missing engine is a failure)" : ""));
}
