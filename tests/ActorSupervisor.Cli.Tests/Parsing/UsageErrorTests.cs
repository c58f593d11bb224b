using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Parsing;

/// <summary>Every bad command line exits 2, names what is wrong, and reaches no handler.</summary>
public sealed class UsageErrorTests
{
    private readonly RecordingHandlers handlers = new();

    [Theory]
    [InlineData("Unrecognized command or argument '--bogus'", "ps", "--bogus")]
    [InlineData("Unrecognized command or argument 'frobnicate'", "frobnicate")]
    [InlineData("--memory '12zb' is not a memory size", "run", "--name", "ab", "--memory", "12zb", "--", "sleep", "1")]
    [InlineData("--restart 'sometimes' is not a restart policy", "run", "--name", "ab", "--restart", "sometimes", "--", "sleep", "1")]
    [InlineData("--stop-timeout '10 parsecs' is not a stop timeout", "run", "--name", "ab", "--stop-timeout", "10 parsecs", "--", "sleep", "1")]
    [InlineData("--health-interval 'often' is not a duration", "run", "--name", "ab", "--health-cmd", "true", "--health-interval", "often", "--", "sleep", "1")]
    [InlineData("--health-retries '-1' must be a whole number, 0 or more", "run", "--name", "ab", "--health-cmd", "true", "--health-retries", "-1", "--", "sleep", "1")]
    [InlineData("the --health-* timings need a probe: --health-cmd, --health-http or --health-tcp", "run", "--name", "ab", "--health-interval", "5s", "--", "sleep", "1")]
    [InlineData("the --readiness-* timings need a probe: --readiness-cmd, --readiness-http or --readiness-tcp", "run", "--name", "ab", "--readiness-interval", "5s", "--", "sleep", "1")]
    [InlineData("--readiness-http and --readiness-tcp are each a readiness probe; a container has one", "run", "--name", "ab", "--readiness-http", "http://127.0.0.1:1/", "--readiness-tcp", "127.0.0.1:1", "--", "sleep", "1")]
    [InlineData("--no-healthcheck and --health-cmd contradict", "run", "--name", "ab", "--no-healthcheck", "--health-cmd", "true", "--", "sleep", "1")]
    [InlineData("--name 'bad name!' must be two characters or more", "run", "--name", "bad name!", "--", "sleep", "1")]
    [InlineData("--name is required", "run", "--", "sleep", "1")]
    [InlineData("--env 'NOVALUE' must be KEY=VALUE", "run", "--name", "ab", "-e", "NOVALUE", "--", "sleep", "1")]
    [InlineData("--label '=x' must be KEY=VALUE", "create", "--name", "ab", "-l", "=x", "--", "sleep", "1")]
    [InlineData("not both", "run", "--name", "ab", "--cmd", "sleep 1", "--", "sleep", "1")]
    [InlineData("--file describes the containers completely; remove --name", "run", "-f", "c.json", "--name", "ab")]
    [InlineData("Argument 'podman' not recognized", "run", "--name", "ab", "--runtime", "podman", "--", "sleep", "1")]
    [InlineData("--filter 'colour=red': unknown key 'colour'", "ps", "--filter", "colour=red")]
    [InlineData("--filter 'status' must be KEY=VALUE", "ps", "--filter", "status")]
    [InlineData("--tail 'some' must be a number of lines", "logs", "--tail", "some", "web")]
    [InlineData("--since 'yesterday-ish' is not a time", "logs", "--since", "yesterday-ish", "web")]
    [InlineData("--limit '0' must be a whole number, 1 or more", "history", "--limit", "0", "web")]
    [InlineData("Required argument missing for command: 'history'", "history")]
    [InlineData("--time '-3' must be a whole number, 0 or more", "stop", "-t", "-3", "web")]
    [InlineData("--time 'soon' must be a whole number", "stop", "-t", "soon", "web")]
    [InlineData("--signal 'SIGFOO' is not a signal", "kill", "-s", "SIGFOO", "web")]
    [InlineData("update needs at least one change: --restart, --memory, a --health-* or a --readiness-* flag", "update", "web")]
    [InlineData("--restart 'always:3': maximum retries are only valid with on-failure", "update", "--restart", "always:3", "web")]
    [InlineData("Required argument missing for command: 'start'", "start")]
    [InlineData("--since 'last week' is not an event offset", "events", "--since", "last week")]
    [InlineData("--filter 'name=web': unknown key 'name'", "events", "--filter", "name=web")]
    [InlineData("Option '--file' is required", "apply")]
    [InlineData("Argument 'fish' not recognized", "completion", "fish")]
    [InlineData("Argument 'yaml' not recognized", "--output", "yaml", "ps")]
    [InlineData("Required command was not provided", "sharding")]
    public async Task Bad_command_lines_exit_2_with_a_message(string message, params string[] args)
    {
        var result = await new CliRunner().RunAsync(handlers.All, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Err);
        Assert.Contains("--help'", result.Err);
        Assert.Equal("", result.Out);
        Assert.Null(handlers.Method);
    }

    [Fact]
    public async Task A_bad_node_address_is_a_usage_error_naming_it()
    {
        var runner = new CliRunner();
        runner.Variables["ASV_NODE"] = "ftp://files";
        var result = await runner.RunAsync(handlers.All, "ps");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--node 'ftp://files' is not a node address", result.Err);
        Assert.Null(handlers.Method);
    }

    [Fact]
    public async Task The_usage_hint_names_the_failing_subcommand()
    {
        var result = await new CliRunner().RunAsync(handlers.All, "sharding", "stats", "--nope");
        Assert.Contains("See 'asv sharding stats --help'.", result.Err);
    }
}
