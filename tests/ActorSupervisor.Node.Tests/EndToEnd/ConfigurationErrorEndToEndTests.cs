using ActorSupervisor.Node.Tests.Support;
using ActorSupervisor.Tests.Shared;

namespace ActorSupervisor.Node.Tests.EndToEnd;

/// <summary>Issue 14: settings the node refuses end the real process with exit code 2 and a sentence, never an abort (134).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConfigurationErrorEndToEndTests
{
    [Theory]
    [InlineData("api.host = \"::ffff:127.0.0.1\"", "127.0.0.1")]
    [InlineData("api.token = \"                \"", "whitespace")]
    [InlineData("api.token = \"xxxxxxxxxxxxxxxxxxxxxxxx\"", "one character repeated")]
    public async Task A_bad_setting_exits_2_with_a_configuration_error(string setting, string named)
    {
        var directory = Directory.CreateTempSubdirectory("asv-conf-").FullName;
        try
        {
            var config = Path.Combine(directory, "node.conf");
            await File.WriteAllTextAsync(config, $"actor-supervisor.node {{\n  data-dir = \"{directory}/data\"\n  api.port = {NodeProcess.FreePort()}\n  {setting}\n}}\n");
            var node = await ProgramRun.NodeAsync("--config", config);

            Assert.True(node.ExitCode == 2, $"exit {node.ExitCode}\n{node.Stderr}\n{node.Stdout}");
            Assert.Contains("configuration error", node.Stderr, StringComparison.Ordinal);
            Assert.Contains(named, node.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Two live nodes on one cgroup parent kill each other's workloads once leases are on: the second is refused before
    /// it runs anything, naming the parent and the first node's pid; the first runs on untouched.
    /// </summary>
    [Fact]
    public async Task A_second_node_on_a_live_nodes_cgroup_parent_exits_2_naming_the_parent_and_its_pid()
    {
        await using var first = await NodeProcess.StartAsync();
        var directory = Directory.CreateTempSubdirectory("asv-conf-").FullName;
        try
        {
            var config = Path.Combine(directory, "node.conf");
            await File.WriteAllTextAsync(config, $"actor-supervisor.node {{\n  data-dir = \"{directory}/data\"\n  api.port = {NodeProcess.FreePort()}\n" +
                $"  runtimes.docker.enabled = false\n  runtimes.process.cgroup-parent = \"{first.CgroupParent}\"\n}}\n");
            var second = await ProgramRun.NodeAsync("--config", config);

            Assert.True(second.ExitCode == 2, $"exit {second.ExitCode}\n{second.Stderr}\n{second.Stdout}");
            Assert.Contains("configuration error", second.Stderr, StringComparison.Ordinal);
            Assert.Contains($"cgroup-parent' = \"{first.CgroupParent}\"", second.Stderr, StringComparison.Ordinal);
            Assert.Contains($"pid {first.Pid}", second.Stderr, StringComparison.Ordinal);
            Assert.False(first.HasExited);
            Assert.True(await first.Client.IsReadyAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
