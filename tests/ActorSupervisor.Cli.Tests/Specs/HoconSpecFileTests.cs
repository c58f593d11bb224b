using ActorSupervisor.Cli.App;
using ActorSupervisor.Cli.Specs;
using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Specs;

public sealed class HoconSpecFileTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private string ReadError(string text) =>
        Assert.Throws<UsageException>(() => SpecFileReader.Default.Read(files.Write("c.conf", text))).Message;

    [Fact]
    public void A_node_configuration_file_applies_as_it_is()
    {
        var specs = SpecFileReader.Default.Read(files.Write("demo.conf", """
            # as in hocon/demo.conf
            actor-supervisor.containers {
              web {
                cmd = "while :; do sleep 2; done"
                restart = unless-stopped
                labels { tier = front }
                stop-timeout = 5s
                healthcheck {
                  test = ["CMD-SHELL", "true"]
                  interval = 5s
                  start-period = 2s
                  retries = 3
                }
              }
              hog { cmd = "tail /dev/zero", memory = 32m, env { SIZE = 1024 }, log-options { max-size = 10m, max-file = 3 } }
            }
            """));

        Assert.Equal(["web", "hog"], specs.Select(s => s.Name));
        var web = specs[0];
        Assert.Equal(("unless-stopped", "5s", "front"), (web.Restart, web.StopTimeout, web.Labels!["tier"]));
        Assert.Equal(["CMD-SHELL", "true"], web.Healthcheck!.Test);
        Assert.Equal(("5s", "2s", 3), (web.Healthcheck.Interval, web.Healthcheck.StartPeriod, web.Healthcheck.Retries));
        Assert.Equal(("32m", "1024"), (specs[1].Memory, specs[1].Env!["SIZE"]));
        Assert.Equal(("10m", "3"), (specs[1].LogOptions!["max-size"], specs[1].LogOptions!["max-file"]));
    }

    [Fact]
    public void Camel_case_keys_substitutions_and_the_exec_form_work()
    {
        var specs = SpecFileReader.Default.Read(files.Write("c.hocon", """
            defaults { restart = "on-failure:5", stopSignal = SIGINT }
            containers {
              api = ${defaults} { command = [python3, -m, http.server, "8080"] }
            }
            """));
        var api = Assert.Single(specs);
        Assert.Equal(("api", "on-failure:5", "SIGINT"), (api.Name, api.Restart, api.StopSignal));
        Assert.Equal(["python3", "-m", "http.server", "8080"], api.Command);
    }

    [Fact]
    public void Restart_tuning_is_read_in_either_case()
    {
        var spec = Assert.Single(SpecFileReader.Default.Read(files.Write("c.conf", """
            containers.web {
              cmd = serve
              backoff { initial = 10ms, reset-after = 5s, randomFactor = 0.5 }
              intensity { max-restarts = 5, window = 1m }
              restart-on-unhealthy { limit = 2 }
              healthcheck { test = [CMD-SHELL, "true"], exit2-means-starting = yes }
            }
            """)));
        Assert.Equal(("10ms", "5s", 0.5), (spec.Backoff!.Initial, spec.Backoff.ResetAfter, spec.Backoff.RandomFactor));
        Assert.Equal((5, "1m"), (spec.Intensity!.MaxRestarts, spec.Intensity.Window));
        Assert.Equal(2, spec.RestartOnUnhealthy!.Limit);
        Assert.True(spec.Healthcheck!.Exit2MeansStarting);
    }

    [Fact]
    public void A_syntax_error_names_file_line_and_column()
    {
        var message = ReadError("containers {\n  web { cmd = \"x\" \n");
        Assert.StartsWith(files.PathOf("c.conf") + ":", message);
        Assert.Matches(@"c\.conf:\d+:\d+: ", message);
    }

    [Fact]
    public void An_unknown_key_is_located_with_a_suggestion_in_kebab_case()
    {
        var message = ReadError("containers {\n  web {\n    cmd = x\n    stop-timout = 5s\n  }\n}\n");
        Assert.Equal($"{files.PathOf("c.conf")}:4:19: setting 'containers.web.stop-timout': unknown field; did you mean 'stop-timeout'?", message);
    }

    [Theory]
    [InlineData("containers { web { command = \"sleep 1\" } }", "setting 'containers.web.command': expected a list")]
    [InlineData("containers { web { cmd = x, healthcheck { test = [CMD-SHELL, x], retries = three } } }", "setting 'containers.web.healthcheck.retries': expected a whole number")]
    [InlineData("containers { web { cmd = [a, b] } }", "setting 'containers.web.cmd': expected a single value, found array")]
    [InlineData("containers { web { cmd = x, env = FOO } }", "setting 'containers.web.env': expected an object of names and values")]
    [InlineData("containers { web = 5 }", "setting 'containers.web': expected an object such as")]
    [InlineData("containers { web { name = api, cmd = x } }", "setting 'containers.web.name': 'api' differs from its key 'web'")]
    [InlineData("containers = [1, 2]", "setting 'containers': expected an object of containers keyed by name")]
    [InlineData("services { web { cmd = x } }", "expected containers { name { ... } }")]
    [InlineData("containers { web { cmd = x, backoff { multiplier = fast } } }", "setting 'containers.web.backoff.multiplier': expected a number")]
    [InlineData("containers { web { cmd = x, intensity = 5 } }", "setting 'containers.web.intensity': expected an object such as")]
    public void Wrong_shapes_are_located(string text, string expected) => Assert.Contains(expected, ReadError(text));

    [Fact]
    public void Values_are_checked_like_json_files()
    {
        var message = ReadError("containers { web { cmd = x, memory = lots } }");
        Assert.Contains("container 'web': memory 'lots'", message);
        Assert.Contains("container 'web': logOptions.max-file '0'", ReadError("containers { web { cmd = x, logOptions { max-file = 0 } } }"));
    }

    [Fact]
    public async Task Apply_reads_a_conf_file()
    {
        var node = new FakeNodeClient();
        var file = files.Write("app.conf", "containers { web { cmd = \"sleep 100\", restart = always } }");
        var result = await new CliRunner().RunAsync(node, "apply", "-f", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("create web start=True", node.Calls);
        Assert.Equal("always", node.Infos["web"].Spec.Restart);
    }
}
