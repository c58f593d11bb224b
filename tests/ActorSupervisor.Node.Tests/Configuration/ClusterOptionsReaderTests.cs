using ActorSupervisor.Node.Configuration;

namespace ActorSupervisor.Node.Tests.Configuration;

/// <summary><c>actor-supervisor.node.cluster</c>: defaults, lists from a file or one comma-separated variable, and located errors.</summary>
public sealed class ClusterOptionsReaderTests : IDisposable
{
    private readonly NodeOptionsReaderTests _reader = new();

    public void Dispose() => _reader.Dispose();

    [Fact]
    public void The_reference_makes_a_single_node_that_joins_itself_on_loopback()
    {
        var cluster = _reader.Read(null).Cluster;

        Assert.Equal("127.0.0.1", cluster.Host);
        Assert.Equal(0, cluster.Port);
        Assert.Empty(cluster.Seeds);
        Assert.Empty(cluster.Roles);
    }

    [Fact]
    public void A_node_file_sets_port_seeds_and_roles()
    {
        var file = _reader.Write("node.conf", """
            actor-supervisor.node.cluster {
              host = "10.0.0.6"
              port = 4053
              seeds = ["akka.tcp://asv@10.0.0.5:4053", "akka.tcp://asv@10.0.0.7:4053"]
              roles = [edge, gpu]
              insecure-remoting = on
            }
            """);

        var cluster = _reader.Read(file).Cluster;
        Assert.True(cluster.InsecureRemoting); // the explicit opt-out lets a host beyond loopback start without TLS

        Assert.Equal(("10.0.0.6", 4053), (cluster.Host, cluster.Port));
        Assert.Equal(["akka.tcp://asv@10.0.0.5:4053", "akka.tcp://asv@10.0.0.7:4053"], cluster.Seeds);
        Assert.Equal(["edge", "gpu"], cluster.Roles);
    }

    [Fact]
    public void An_environment_variable_gives_a_list_as_one_comma_separated_string_and_wins_over_the_file()
    {
        var file = _reader.Write("node.conf", "actor-supervisor.node.cluster { port = 4053, seeds = [\"akka.tcp://asv@10.0.0.9:4053\"] }\n");
        var variable = _reader.Prefix + "actor-supervisor__node__cluster__seeds";
        Environment.SetEnvironmentVariable(variable, "akka.tcp://asv@10.0.0.5:4053, akka.tcp://asv@10.0.0.6:4053");
        try
        {
            Assert.Equal(["akka.tcp://asv@10.0.0.5:4053", "akka.tcp://asv@10.0.0.6:4053"], _reader.Read(file).Cluster.Seeds);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_substituted_variable_replaces_the_list_as_in_reference_conf()
    {
        // reference.conf's "seeds = ${?ASV_CLUSTER_SEEDS}" works the same way; a unique name keeps tests apart.
        var name = "ASVT_SEEDS_" + Guid.NewGuid().ToString("N");
        var file = _reader.Write("node.conf", $"actor-supervisor.node.cluster {{ port = 4053, seeds = [], seeds = ${{?{name}}} }}\n");
        Environment.SetEnvironmentVariable(name, "akka.tcp://asv@10.0.0.5:4053");
        try
        {
            Assert.Equal(["akka.tcp://asv@10.0.0.5:4053"], _reader.Read(file).Cluster.Seeds);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [InlineData("port = 70000", "actor-supervisor.node.cluster.port", "70000")]
    [InlineData("seeds = [\"asv@10.0.0.5:4053\"]", "actor-supervisor.node.cluster.seeds.0", "is not a member address")]
    [InlineData("seeds = [\"akka.tcp://other@10.0.0.5:4053\"]", "actor-supervisor.node.cluster.seeds.0", "names actor system 'other'")]
    [InlineData("seeds = [\"akka.udp://asv@10.0.0.5:4053\"]", "actor-supervisor.node.cluster.seeds.0", "members speak akka.tcp")]
    [InlineData("roles = [\"asv-edge\"]", "actor-supervisor.node.cluster.roles.0", "reserved")]
    [InlineData("roles = [\"has space\"]", "actor-supervisor.node.cluster.roles.0", "not a role name")]
    public void A_bad_value_names_the_file_line_setting_and_problem(string setting, string path, string problem)
    {
        var file = _reader.Write("node.conf", "# a node\nactor-supervisor.node.cluster {\n  port = 4053\n  " + setting + "\n}\n");

        var error = Assert.Throws<NodeConfigurationException>(() => _reader.Read(file));

        Assert.StartsWith($"{file}:4:", error.Message);
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Seeds_without_a_fixed_port_are_refused()
    {
        var file = _reader.Write("node.conf", "actor-supervisor.node.cluster.seeds = [\"akka.tcp://asv@10.0.0.5:4053\"]\n");

        var error = Assert.Throws<NodeConfigurationException>(() => _reader.Read(file));

        Assert.Contains("'actor-supervisor.node.cluster.port'", error.Message);
        Assert.Contains("fixed port", error.Message);
    }
}
