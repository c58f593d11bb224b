using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Node.Configuration;

namespace ActorSupervisor.Node.Tests.Configuration;

public sealed class DeclaredContainerTests : IDisposable
{
    private readonly NodeOptionsReaderTests _reader = new();

    public void Dispose() => _reader.Dispose();

    [Fact]
    public void Declared_containers_are_parsed_with_the_node_defaults()
    {
        var file = _reader.Write("node.conf", """
            actor-supervisor.node.restart.policy = always
            actor-supervisor.containers {
              web {
                command = ["/bin/sh", "-c", "serve"]
                env { PORT = "8080" }
                labels { tier = front }
                memory = 64m
                stop-timeout = 5s
                healthcheck { test = ["CMD-SHELL", "check"], interval = 2s, retries = 4, start-period = 1s }
              }
              batch { cmd = "run once", restart = "on-failure:3", backoff { initial = 10ms, max = 1s } }
            }
            """);

        var containers = _reader.Read(file).Containers;

        Assert.Equal(["batch", "web"], containers.Select(c => c.Spec.Name));
        var web = containers[1].Spec;
        Assert.Equal(CommandLine.Exec("/bin/sh", "-c", "serve"), web.Command);
        Assert.Equal("8080", web.Env["PORT"]);
        Assert.Equal(64L * 1024 * 1024, web.MemoryLimitBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), web.StopTimeout);
        Assert.Equal(RestartPolicy.Always, web.Restart);
        Assert.Equal(4, web.HealthCheck!.Retries);
        Assert.Equal(TimeSpan.FromSeconds(1), web.HealthCheck.StartPeriod);
        Assert.Equal(RuntimeKind.Process, web.Runtime);
        var batch = containers[0].Spec;
        Assert.Equal(RestartPolicy.OnFailure(3), batch.Restart);
        Assert.Equal(TimeSpan.FromMilliseconds(10), batch.Backoff.Initial);
        Assert.StartsWith(file + ":", containers[0].Origin);
    }

    [Fact]
    public void Camel_case_keys_and_restart_tuning_are_read_as_in_spec_files()
    {
        var file = _reader.Write("node.conf", """
            actor-supervisor.containers.web {
              cmd = serve
              stopTimeout = 3s
              intensity { maxRestarts = 4, window = 30s }
              healthcheck { test = [CMD, probe] }
              restart-on-unhealthy { limit = 2, grace = 5s }
            }
            """);

        var web = Assert.Single(_reader.Read(file).Containers).Spec;

        Assert.Equal(TimeSpan.FromSeconds(3), web.StopTimeout);
        Assert.Equal(new RestartIntensity(4, TimeSpan.FromSeconds(30)), web.Intensity);
        Assert.Equal(new UnhealthyRestart(2, TimeSpan.FromSeconds(5)), web.RestartOnUnhealthy);
    }

    [Fact]
    public void A_container_declared_outside_the_hocon_files_is_refused_naming_the_variable()
    {
        var variable = _reader.Prefix + "actor-supervisor__containers__web__cmd";
        Environment.SetEnvironmentVariable(variable, "serve");
        try
        {
            var error = Assert.Throws<NodeConfigurationException>(() => _reader.Read(null));

            Assert.StartsWith($"environment variable {_reader.Prefix}actor-supervisor__containers__web", error.Message);
            Assert.Contains("declare containers in the node's HOCON configuration file", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("web { cmd = \"x\", memory = lots }", "actor-supervisor.containers.web.memory", "lots")]
    [InlineData("web { cmd = \"x\", stop-timeout = soon }", "actor-supervisor.containers.web.stop-timeout", "soon")]
    [InlineData("web { cmd = \"x\", healthcheck { test = [\"CMD\", \"c\"], start-period = later } }", "actor-supervisor.containers.web.healthcheck.start-period", "later")]
    [InlineData("web { cmd = \"x\", healthcheck { retries = many } }", "actor-supervisor.containers.web.healthcheck.retries", "many")]
    [InlineData("web { cmd = \"x\", intensity { window = 1m } }", "actor-supervisor.containers.web.intensity.max-restarts", "is required")]
    [InlineData("web { cmd = \"x\", colour = red }", "actor-supervisor.containers.web.colour", "unknown field")]
    [InlineData("web { command = \"not a list\" }", "actor-supervisor.containers.web.command", "expected a list")]
    [InlineData("\"bad name\" { cmd = \"x\" }", "actor-supervisor.containers.\"bad name\".name", "bad name")]
    public void A_bad_declaration_names_the_file_line_and_path(string declaration, string path, string fragment)
    {
        var file = _reader.Write("node.conf", "actor-supervisor.containers {\n  " + declaration + "\n}\n");

        var error = Assert.Throws<NodeConfigurationException>(() => _reader.Read(file));

        Assert.StartsWith(file + ":", error.Message);
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains(fragment, error.Message);
    }
}
