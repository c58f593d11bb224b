using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Cli.Handlers;
using ActorSupervisor.Cli.Tests.Support;

namespace ActorSupervisor.Cli.Tests.Parsing;

public sealed class ContainerCommandParsingTests
{
    private readonly RecordingHandlers handlers = new();
    private readonly CliRunner runner = new();

    private async Task<RecordingHandlers> Parse(params string[] args)
    {
        var result = await runner.RunAsync(handlers.All, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return handlers;
    }

    [Fact]
    public async Task Run_with_every_spec_flag_builds_the_spec_users_typed()
    {
        await Parse("run", "--name", "web", "--runtime", "docker", "--image", "busybox", "-e", "A=1", "--env", "B=x=y",
            "-w", "/srv", "-u", "www:www", "-l", "tier=front", "--label", "team=ops", "-m", "512m", "--stop-signal", "SIGINT",
            "--stop-timeout", "20s", "--restart", "on-failure:5", "--health-cmd", "curl -f localhost", "--health-interval", "5s",
            "--health-timeout", "2s", "--health-retries", "4", "--health-start-period", "1m", "--health-start-interval", "1s",
            "--", "httpd", "-f", "-p", "8080");

        var request = handlers.RequestAs<RunRequest>();
        Assert.True(request.Start);
        Assert.Null(request.File);
        var spec = request.Spec!;
        Assert.Equal("web", spec.Name);
        Assert.Equal("docker", spec.Runtime);
        Assert.Equal("busybox", spec.Image);
        Assert.Equal(["httpd", "-f", "-p", "8080"], spec.Command);
        Assert.Null(spec.Cmd);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y" }, spec.Env);
        Assert.Equal("/srv", spec.Workdir);
        Assert.Equal("www:www", spec.User);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "front", ["team"] = "ops" }, spec.Labels);
        Assert.Equal("512m", spec.Memory);
        Assert.Equal("SIGINT", spec.StopSignal);
        Assert.Equal("20s", spec.StopTimeout);
        Assert.Equal("on-failure:5", spec.Restart);
        var health = spec.Healthcheck!;
        Assert.Equal(["CMD-SHELL", "curl -f localhost"], health.Test);
        Assert.Equal(("5s", "2s", 4, "1m", "1s"), (health.Interval, health.Timeout, health.Retries, health.StartPeriod, health.StartInterval));
    }

    [Fact]
    public async Task Create_takes_the_shell_form_and_does_not_start()
    {
        await Parse("create", "--name", "job", "--cmd", "echo hi; sleep 1", "--no-healthcheck");
        var request = handlers.RequestAs<RunRequest>();
        Assert.False(request.Start);
        Assert.Equal("echo hi; sleep 1", request.Spec!.Cmd);
        Assert.Null(request.Spec.Command);
        Assert.Equal(["NONE"], request.Spec.Healthcheck!.Test);
    }

    [Fact]
    public async Task An_at_sign_is_plain_text_not_a_response_file()
    {
        await Parse("run", "--name", "mail", "-l", "owner=@ops", "--", "echo", "@nosuchfile");
        var spec = handlers.RequestAs<RunRequest>().Spec!;
        Assert.Equal(["echo", "@nosuchfile"], spec.Command);
        Assert.Equal("@ops", spec.Labels!["owner"]);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("create")]
    public async Task File_alone_is_a_file_request(string verb)
    {
        await Parse(verb, "-f", "containers.json");
        var request = handlers.RequestAs<RunRequest>();
        Assert.Equal("containers.json", request.File);
        Assert.Null(request.Spec);
        Assert.Equal(verb == "run", request.Start);
    }

    [Theory]
    [InlineData(new[] { "ps" }, false, new string[0], false)]
    [InlineData(new[] { "ps", "-a", "-q" }, true, new string[0], true)]
    [InlineData(new[] { "ps", "-aq" }, true, new string[0], true)]
    [InlineData(new[] { "ls", "--all", "--quiet" }, true, new string[0], true)]
    [InlineData(new[] { "ps", "--filter", "status=running", "--filter", "health=healthy", "--filter", "label=k=v", "--filter", "name=web" },
        false, new[] { "status=running", "health=healthy", "label=k=v", "name=web" }, false)]
    public async Task Ps_flags(string[] args, bool all, string[] filters, bool quiet)
    {
        await Parse(args);
        var request = handlers.RequestAs<PsRequest>();
        Assert.Equal((all, quiet), (request.All, request.Quiet));
        Assert.Equal(filters, request.Filters);
    }

    [Fact]
    public async Task Inspect_takes_several_containers()
    {
        await Parse("inspect", "web", "worker");
        var request = handlers.RequestAs<InspectRequest>();
        Assert.Equal(["web", "worker"], request.Containers);
        Assert.Null(request.At);
    }

    [Theory]
    [InlineData("10m")]
    [InlineData("2026-11-21T03:00:00Z")]
    public async Task Inspect_at_takes_a_time_or_a_duration_ago(string at)
    {
        await Parse("inspect", "--at", at, "web");
        Assert.Equal(at, handlers.RequestAs<InspectRequest>().At);
    }

    [Theory]
    [InlineData(new[] { "logs", "web" }, false, null, null, false)]
    [InlineData(new[] { "logs", "-f", "--tail", "20", "--since", "10m", "-t", "web" }, true, 20, "10m", true)]
    [InlineData(new[] { "logs", "--follow", "-n", "all", "--timestamps", "web" }, true, null, null, true)]
    [InlineData(new[] { "logs", "--since", "2026-11-21T03:00:00Z", "web" }, false, null, "2026-11-21T03:00:00Z", false)]
    public async Task Logs_flags(string[] args, bool follow, int? tail, string? since, bool timestamps)
    {
        await Parse(args);
        Assert.Equal(new LogsRequest("web", follow, tail, since, timestamps), handlers.RequestAs<LogsRequest>());
    }

    [Theory]
    [InlineData(new[] { "history", "web" }, null, null, null)]
    [InlineData(new[] { "history", "--limit", "5", "web" }, 5, null, null)]
    [InlineData(new[] { "history", "--since", "1h", "--until", "2026-11-21T03:00:00Z", "web" }, null, "1h", "2026-11-21T03:00:00Z")]
    public async Task History_flags(string[] args, int? limit, string? since, string? until)
    {
        await Parse(args);
        Assert.Equal(new HistoryRequest("web", limit, since, until), handlers.RequestAs<HistoryRequest>());
    }

    public static TheoryData<string[], object> LifecycleLines => new()
    {
        { ["start", "a", "b"], new LifecycleRequest(LifecycleVerb.Start, ["a", "b"]) },
        { ["stop", "a"], new LifecycleRequest(LifecycleVerb.Stop, ["a"]) },
        { ["stop", "-t", "5", "a"], new LifecycleRequest(LifecycleVerb.Stop, ["a"], Timeout: 5) },
        { ["restart", "--time", "0", "a"], new LifecycleRequest(LifecycleVerb.Restart, ["a"], Timeout: 0) },
        { ["kill", "a"], new LifecycleRequest(LifecycleVerb.Kill, ["a"]) },
        { ["kill", "-s", "SIGHUP", "a"], new LifecycleRequest(LifecycleVerb.Kill, ["a"], Signal: "SIGHUP") },
        { ["kill", "--signal", "9", "a"], new LifecycleRequest(LifecycleVerb.Kill, ["a"], Signal: "9") },
        { ["pause", "a"], new LifecycleRequest(LifecycleVerb.Pause, ["a"]) },
        { ["unpause", "a"], new LifecycleRequest(LifecycleVerb.Unpause, ["a"]) },
        { ["rm", "a"], new LifecycleRequest(LifecycleVerb.Remove, ["a"]) },
        { ["rm", "-f", "a", "b"], new LifecycleRequest(LifecycleVerb.Remove, ["a", "b"], Force: true) },
        { ["remove", "--force", "a"], new LifecycleRequest(LifecycleVerb.Remove, ["a"], Force: true) },
        { ["update", "--restart", "always", "a"], new LifecycleRequest(LifecycleVerb.Update, ["a"], Update: new UpdateRequest { Restart = "always" }) },
    };

    [Theory]
    [MemberData(nameof(LifecycleLines))]
    public async Task Lifecycle_verbs(string[] args, object expectedRequest)
    {
        var expected = (LifecycleRequest)expectedRequest;
        await Parse(args);
        var actual = handlers.RequestAs<LifecycleRequest>();
        Assert.Equal(expected with { Containers = [] }, actual with { Containers = [] });
        Assert.Equal(expected.Containers, actual.Containers);
    }
}
