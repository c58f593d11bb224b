using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Hocon;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Supervision.Persistence;
using Microsoft.Extensions.Configuration;

namespace ActorSupervisor.Node.Tests.Configuration;

public sealed class NodeOptionsReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("asv-config-test-").FullName;
    private readonly string _prefix = $"ASVT{Guid.NewGuid():N}_";

    /// <summary>This instance's environment variable prefix, unique so tests do not see each other's variables.</summary>
    internal string Prefix => _prefix;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_reference_alone_gives_the_documented_defaults()
    {
        var options = Read(null);

        Assert.Equal("127.0.0.1", options.Api.Host);
        Assert.Equal(7411, options.Api.Port);
        Assert.Equal("", options.Api.Token);
        Assert.Equal("sqlite", options.Store.Kind);
        Assert.Equal(SqliteSynchronous.Full, options.Store.SqliteSynchronous);
        Assert.Equal(RuntimeKind.Process, options.DefaultRuntime);
        Assert.Equal(RestartPolicy.No, options.DefaultRestart);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.DefaultBackoff.Initial);
        Assert.False(options.Shutdown.StopWorkloads);
        Assert.Equal(Path.Combine(options.DataDirectory, "logs"), options.Process.LogDirectory);
        Assert.Equal((10L << 20, 3), (options.Process.LogMaxBytes, options.Process.LogMaxFiles));
        Assert.Empty(options.Containers);
    }

    [Fact]
    public void The_node_files_akka_section_reaches_akka_as_written()
    {
        var file = Write("node.conf", """
            akka {
              loglevel = INFO
              cluster.sharding.retry-interval = 2s
              cluster.roles = [edge, "gpu"]
            }
            """);

        var akka = Read(file).Akka;

        Assert.NotNull(akka);
        Assert.Equal("INFO", akka.GetString("akka.loglevel"));
        Assert.Equal(TimeSpan.FromSeconds(2), akka.GetTimeSpan("akka.cluster.sharding.retry-interval"));
        Assert.Equal(["edge", "gpu"], akka.GetStringList("akka.cluster.roles"));
        Assert.Null(Read(null).Akka);
    }

    [Fact]
    public void The_node_file_overrides_the_reference_and_the_environment_overrides_both()
    {
        var file = Write("node.conf", """
            actor-supervisor.node {
              id = node-a
              api.port = 7500
              restart { policy = "on-failure:3", backoff.initial = 50ms }
              shutdown.stop-workloads = yes
              runtimes.process { log-max-size = 2k, log-max-file = 7 }
            }
            """);
        Environment.SetEnvironmentVariable(_prefix + "actor-supervisor__node__api__port", "7600");
        try
        {
            var options = Read(file);

            Assert.Equal("node-a", options.NodeId);
            Assert.Equal(7600, options.Api.Port);
            Assert.Equal(RestartPolicy.OnFailure(3), options.DefaultRestart);
            Assert.Equal(TimeSpan.FromMilliseconds(50), options.DefaultBackoff.Initial);
            Assert.True(options.Shutdown.StopWorkloads);
            Assert.Equal((2048L, 7), (options.Process.LogMaxBytes, options.Process.LogMaxFiles));
        }
        finally
        {
            Environment.SetEnvironmentVariable(_prefix + "actor-supervisor__node__api__port", null);
        }
    }

    [Theory]
    [InlineData("api.port = 99999", "actor-supervisor.node.api.port", "99999")]
    [InlineData("api.host = \"example.com\"", "actor-supervisor.node.api.host", "example.com")]
    [InlineData("default-runtime = vm", "actor-supervisor.node.default-runtime", "vm")]
    [InlineData("store.kind = mysql", "actor-supervisor.node.store.kind", "mysql")]
    [InlineData("store.sqlite.synchronous = off", "actor-supervisor.node.store.sqlite.synchronous", "off")]
    [InlineData("restart.policy = sometimes", "actor-supervisor.node.restart.policy", "sometimes")]
    [InlineData("shutdown.timeout = soon", "actor-supervisor.node.shutdown.timeout", "soon")]
    [InlineData("restart.backoff.multiplier = 0.5", "actor-supervisor.node.restart.backoff.multiplier", "0.5")]
    [InlineData("shutdown.stop-workloads = maybe", "actor-supervisor.node.shutdown.stop-workloads", "maybe")]
    [InlineData("runtimes.process.log-max-size = 10", "actor-supervisor.node.runtimes.process.log-max-size", "no unit")]
    [InlineData("runtimes.process.log-max-size = 200g", "actor-supervisor.node.runtimes.process.log-max-size", "200g")]
    [InlineData("runtimes.process.log-max-file = 0", "actor-supervisor.node.runtimes.process.log-max-file", "from 1 to 100")]
    public void A_bad_value_names_the_file_line_setting_and_value(string setting, string path, string value)
    {
        var file = Write("node.conf", "# a node\nactor-supervisor.node {\n  " + setting + "\n}\n");

        var error = Assert.Throws<NodeConfigurationException>(() => Read(file));

        Assert.StartsWith($"{file}:3:", error.Message);
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void A_bad_value_from_the_environment_names_the_variable()
    {
        Environment.SetEnvironmentVariable(_prefix + "actor-supervisor__node__api__port", "http");
        try
        {
            var error = Assert.Throws<NodeConfigurationException>(() => Read(null));

            Assert.StartsWith($"environment variable {_prefix}actor-supervisor__node__api__port", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(_prefix + "actor-supervisor__node__api__port", null);
        }
    }

    [Fact]
    public void Binding_beyond_loopback_without_a_token_refuses_to_start()
    {
        var file = Write("node.conf", "actor-supervisor.node.api.host = \"0.0.0.0\"\n");

        var error = Assert.Throws<NodeConfigurationException>(() => Read(file));

        Assert.Contains("needs a token", error.Message);
        Assert.StartsWith($"{file}:1:", error.Message);
    }

    [Fact]
    public void Binding_beyond_loopback_with_a_token_is_allowed_and_short_tokens_are_not()
    {
        var good = Write("good.conf", "actor-supervisor.node.api { host = \"0.0.0.0\", token = \"0123456789abcdef\" }\n");
        var shortToken = Write("short.conf", "actor-supervisor.node.api { host = \"0.0.0.0\", token = \"abc\" }\n");

        Assert.False(Read(good).Api.IsLoopback);
        Assert.Contains("at least 16", Assert.Throws<NodeConfigurationException>(() => Read(shortToken)).Message);
    }

    [Theory]
    [InlineData("abc", "shorter than 16")]
    [InlineData("                    ", "whitespace")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa", "one character repeated")]
    [InlineData("0123456789 abcdef", "whitespace")]
    public void Weak_tokens_are_refused_at_start_up_naming_the_setting(string token, string problem)
    {
        var file = Write("weak.conf", $"actor-supervisor.node.api.token = \"{token}\"\n");

        var error = Assert.Throws<NodeConfigurationException>(() => Read(file));

        Assert.Contains("'actor-supervisor.node.api.token'", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains("(hidden)", error.Message);
        Assert.StartsWith($"{file}:1:", error.Message);
    }

    [Fact]
    public void An_ipv4_mapped_host_is_a_configuration_error_naming_the_ipv4_address()
    {
        var file = Write("mapped.conf", "actor-supervisor.node.api.host = \"::ffff:127.0.0.1\"\n");

        var error = Assert.Throws<NodeConfigurationException>(() => Read(file));

        Assert.Contains("'actor-supervisor.node.api.host'", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
    }

    [Fact]
    public void A_token_group_that_does_not_exist_is_refused()
    {
        var missing = Write("group.conf", "actor-supervisor.node.api.token-group = \"no-such-group-asv\"\n");
        var root = Write("root.conf", "actor-supervisor.node.api.token-group = \"root\"\n");

        Assert.Contains("no such group", Assert.Throws<NodeConfigurationException>(() => Read(missing)).Message);
        Assert.Equal("root", Read(root).Api.TokenGroup);
    }

    [Fact]
    public void Postgres_needs_a_connection_string()
    {
        var file = Write("node.conf", "actor-supervisor.node.store.kind = postgres\n");

        Assert.Contains("connection string", Assert.Throws<NodeConfigurationException>(() => Read(file)).Message);
    }

    [Fact]
    public void Sqlite_synchronous_normal_is_read_for_sqlite_and_refused_for_postgres()
    {
        var sqlite = Write("sqlite.conf", "actor-supervisor.node.store.sqlite.synchronous = normal\n");
        var postgres = Write("postgres.conf", """
            actor-supervisor.node.store {
              kind = postgres
              connection-string = "Host=db;Database=asv"
              sqlite.synchronous = normal
            }
            """);

        Assert.Equal(SqliteSynchronous.Normal, Read(sqlite).Store.SqliteSynchronous);
        var error = Assert.Throws<NodeConfigurationException>(() => Read(postgres));
        Assert.StartsWith($"{postgres}:4:", error.Message);
        Assert.Contains("'actor-supervisor.node.store.sqlite.synchronous'", error.Message);
        Assert.Contains("SQLite only", error.Message);
    }

    [Fact]
    public void A_syntax_error_names_the_file_line_and_column()
    {
        var file = Write("node.conf", "actor-supervisor.node {\n  api.port = [1,\n");

        var error = Assert.Throws<HoconException>(() => Read(file));

        Assert.Equal(file, error.File);
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void The_config_file_comes_from_the_command_line_and_a_missing_one_is_an_error()
    {
        var file = Write("node.conf", "");

        Assert.Equal(file, NodeConfiguration.ConfigFile(["--config", file]));
        Assert.Contains("not found", Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.ConfigFile(["--config", file + ".missing"])).Message);
        Assert.Contains("needs a path", Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.ConfigFile(["--config"])).Message);
    }

    internal NodeOptions Read(string? file)
    {
        var builder = new ConfigurationBuilder().AddHocon(Path.Combine(AppContext.BaseDirectory, "reference.conf"));
        if (file is not null)
            builder.AddHocon(file);
        var root = builder.AddEnvironmentVariables(_prefix).Build();
        return NodeOptionsReader.Read(new SettingReader(root, _prefix), file);
    }

    internal string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
