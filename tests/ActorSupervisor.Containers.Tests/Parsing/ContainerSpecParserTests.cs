using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Containers.Tests.Parsing;

public class ContainerSpecParserTests
{
    private static readonly RawContainerSpec Minimal = new() { Name = "web-1", Command = ["sleep", "60"] };

    private static SpecError SingleError(RawContainerSpec raw)
    {
        var result = ContainerSpecParser.Parse(raw);
        Assert.False(result.IsValid);
        Assert.Null(result.Spec);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void A_full_spec_reads_every_field()
    {
        var result = ContainerSpecParser.Parse(new RawContainerSpec
        {
            Name = "api.v2_blue-1",
            Runtime = "docker",
            Image = "busybox:latest",
            Cmd = "httpd -f -p 8080",
            Env = new Dictionary<string, string> { ["MODE"] = "prod" },
            Workdir = "/srv",
            User = "1000:1000",
            Labels = new Dictionary<string, string> { ["team"] = "core" },
            Memory = "512m",
            StopSignal = "int",
            StopTimeout = "1m30s",
            Restart = "on-failure:5",
            Healthcheck = new RawHealthCheck
            {
                Test = ["CMD-SHELL", "wget -q -O- localhost:8080"],
                Interval = "10s", Timeout = "2s", Retries = 4, StartPeriod = "1m", StartInterval = "500ms",
                Exit2MeansStarting = true,
            },
            Backoff = new RawBackoff { Initial = "0s", Multiplier = 3, Max = "30s", ResetAfter = "1m", RandomFactor = 0.2 },
            Intensity = new RawIntensity { MaxRestarts = 5, Window = "1m" },
            RestartOnUnhealthy = new RawUnhealthyRestart { Limit = 3, Grace = "10s" },
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var spec = result.Spec!;
        Assert.Equal("api.v2_blue-1", spec.Name);
        Assert.Equal(RuntimeKind.Docker, spec.Runtime);
        Assert.Equal(CommandLine.Shell("httpd -f -p 8080"), spec.Command);
        Assert.Equal("prod", spec.Env["MODE"]);
        Assert.Equal("core", spec.Labels["team"]);
        Assert.Equal(("/srv", "1000:1000"), (spec.WorkingDirectory, spec.User));
        Assert.Equal(512L << 20, spec.MemoryLimitBytes);
        Assert.Equal("SIGINT", spec.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(90), spec.StopTimeout);
        Assert.Equal(RestartPolicy.OnFailure(5), spec.Restart);
        var check = spec.HealthCheck!;
        Assert.Equal(CommandLine.Shell("wget -q -O- localhost:8080"), check.Test);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 4), (check.Interval, check.Timeout, check.Retries));
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500)), (check.StartPeriod, check.StartInterval));
        Assert.True(check.Exit2MeansStarting);
        Assert.Equal(new Backoff { Initial = TimeSpan.Zero, Multiplier = 3, Max = TimeSpan.FromSeconds(30), ResetAfter = TimeSpan.FromMinutes(1), RandomFactor = 0.2 }, spec.Backoff);
        Assert.Equal(new RestartIntensity(5, TimeSpan.FromMinutes(1)), spec.Intensity);
        Assert.Equal(new UnhealthyRestart(3, TimeSpan.FromSeconds(10)), spec.RestartOnUnhealthy);
    }

    // Docker's daemon/names: [a-zA-Z0-9][a-zA-Z0-9_.-]+
    [Theory]
    [InlineData("ab")]
    [InlineData("0x")]
    [InlineData("Web_1.blue-2")]
    [InlineData("a-")]
    public void Names_follow_dockers_rule(string name) =>
        Assert.True(ContainerSpecParser.Parse(Minimal with { Name = name }).IsValid);

    [Fact]
    public void A_minimal_spec_gets_docker_defaults()
    {
        var spec = ContainerSpecParser.Parse(Minimal).Spec!;
        Assert.Equal(RuntimeKind.Process, spec.Runtime);
        Assert.Equal(CommandLine.Exec("sleep", "60"), spec.Command);
        Assert.Equal(RestartPolicy.No, spec.Restart);
        Assert.Equal(("SIGTERM", TimeSpan.FromSeconds(10)), (spec.StopSignal, spec.StopTimeout));
        Assert.Null(spec.MemoryLimitBytes);
        Assert.Null(spec.HealthCheck);
        Assert.Null(spec.Intensity);
        Assert.Null(spec.RestartOnUnhealthy);
        Assert.Equal(Backoff.Default, spec.Backoff);
    }

    [Fact]
    public void Health_check_zero_durations_and_retries_mean_docker_defaults()
    {
        var check = ContainerSpecParser.Parse(Minimal with
        {
            Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "0s", Timeout = "0", Retries = 0, StartInterval = "0s" },
        }).Spec!.HealthCheck!;
        Assert.Equal(CommandLine.Exec("true"), check.Test);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 3), (check.Interval, check.Timeout, check.Retries));
        Assert.Equal((TimeSpan.Zero, TimeSpan.FromSeconds(5)), (check.StartPeriod, check.StartInterval));
        Assert.False(check.Exit2MeansStarting);
    }

    [Fact]
    public void Health_check_none_disables_probes()
    {
        var check = ContainerSpecParser.Parse(Minimal with { Healthcheck = new RawHealthCheck { Test = ["NONE"] } }).Spec!.HealthCheck!;
        Assert.False(check.Enabled);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("0", 0)]
    [InlineData("2m", 120)]
    public void Stop_timeout_takes_seconds_as_docker_or_a_duration(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ContainerSpecParser.Parse(Minimal with { StopTimeout = text }).Spec!.StopTimeout);

    [Fact]
    public void Memory_zero_means_no_limit() =>
        Assert.Null(ContainerSpecParser.Parse(Minimal with { Memory = "0" }).Spec!.MemoryLimitBytes);

    public static TheoryData<string, RawContainerSpec, string, string?> Errors => new()
    {
        { "missing name", Minimal with { Name = null }, "name", null },
        { "bad name", Minimal with { Name = "-web" }, "name", "-web" },
        { "name with slash", Minimal with { Name = "a/b" }, "name", "a/b" },
        { "one-character name (Docker's pattern needs two)", Minimal with { Name = "a" }, "name", "a" },
        { "name with space", Minimal with { Name = "web 1" }, "name", "web 1" },
        { "name longer than 128 characters (docs/api.md)", Minimal with { Name = new string('a', 129) }, "name", new string('a', 129) },
        { "unknown runtime", Minimal with { Runtime = "podman" }, "runtime", "podman" },
        { "numeric runtime", Minimal with { Runtime = "1" }, "runtime", "1" },
        { "docker without image", Minimal with { Runtime = "docker" }, "image", null },
        { "process without command", Minimal with { Command = null }, "command", null },
        { "both command forms", Minimal with { Cmd = "sleep 60" }, "command", "sleep 60" },
        { "empty exec form", Minimal with { Command = [] }, "command", "" },
        { "blank program", Minimal with { Command = [" ", "x"] }, "command", "  x" },
        { "blank shell form", Minimal with { Command = null, Cmd = " " }, "cmd", " " },
        { "env name with =", Minimal with { Env = new Dictionary<string, string> { ["A=B"] = "1" } }, "env", "A=B" },
        { "env name empty", Minimal with { Env = new Dictionary<string, string> { [""] = "1" } }, "env", "" },
        { "null argument", Minimal with { Command = ["sleep", null!] }, "command", null },
        { "env without value", Minimal with { Env = new Dictionary<string, string> { ["A"] = null! } }, "env.A", null },
        { "label name empty", Minimal with { Labels = new Dictionary<string, string> { [""] = "x" } }, "labels", "" },
        { "label without value", Minimal with { Labels = new Dictionary<string, string> { ["team"] = null! } }, "labels.team", null },
        { "null health argument", Minimal with { Healthcheck = new RawHealthCheck { Test = ["CMD", null!] } }, "healthcheck.test", null },
        { "relative workdir", Minimal with { Workdir = "srv" }, "workdir", "srv" },
        { "blank user", Minimal with { User = " " }, "user", " " },
        { "bad memory", Minimal with { Memory = "lots" }, "memory", "lots" },
        { "memory below docker minimum", Minimal with { Memory = "4m" }, "memory", "4194304" },
        { "bad stop signal", Minimal with { StopSignal = "SIGNOPE" }, "stopSignal", "SIGNOPE" },
        { "bad stop timeout", Minimal with { StopTimeout = "soon" }, "stopTimeout", "soon" },
        { "negative stop timeout seconds", Minimal with { StopTimeout = "-1" }, "stopTimeout", "-1" },
        { "negative stop timeout duration", Minimal with { StopTimeout = "-5s" }, "stopTimeout", "-5s" },
        { "unknown restart policy", Minimal with { Restart = "sometimes" }, "restart", "sometimes" },
        { "count on always", Minimal with { Restart = "always:3" }, "restart", "always:3" },
        { "negative count", Minimal with { Restart = "on-failure:-1" }, "restart", "on-failure:-1" },
        { "count not a number", Minimal with { Restart = "on-failure:x" }, "restart", "on-failure:x" },
        { "too many colons", Minimal with { Restart = "on-failure:1:2" }, "restart", "on-failure:1:2" },
        { "health test missing", Minimal with { Healthcheck = new RawHealthCheck() }, "healthcheck.test", null },
        { "health test unknown type", Minimal with { Healthcheck = new RawHealthCheck { Test = ["RUN", "x"] } }, "healthcheck.test", "RUN x" },
        { "health CMD without program", Minimal with { Healthcheck = new RawHealthCheck { Test = ["CMD"] } }, "healthcheck.test", "CMD" },
        { "health CMD-SHELL two scripts", Minimal with { Healthcheck = new RawHealthCheck { Test = ["CMD-SHELL", "a", "b"] } }, "healthcheck.test", "CMD-SHELL a b" },
        { "health blank program", Minimal with { Healthcheck = new RawHealthCheck { Test = ["CMD", ""] } }, "healthcheck.test", "" },
        { "health interval below 1ms", Minimal with { Healthcheck = Probe with { Interval = "500us" } }, "healthcheck.interval", "500µs" },
        { "health timeout unparsable", Minimal with { Healthcheck = Probe with { Timeout = "5" } }, "healthcheck.timeout", "5" },
        { "health start interval negative", Minimal with { Healthcheck = Probe with { StartInterval = "-1s" } }, "healthcheck.startInterval", "-1s" },
        { "health start period below 1ms", Minimal with { Healthcheck = Probe with { StartPeriod = "50us" } }, "healthcheck.startPeriod", "50µs" },
        { "health retries negative", Minimal with { Healthcheck = Probe with { Retries = -1 } }, "healthcheck.retries", "-1" },
        { "backoff initial unparsable", Minimal with { Backoff = new RawBackoff { Initial = "fast" } }, "backoff.initial", "fast" },
        { "backoff max below initial", Minimal with { Backoff = new RawBackoff { Initial = "2m" } }, "backoff.max", "1m0s" },
        { "backoff multiplier below 1", Minimal with { Backoff = new RawBackoff { Multiplier = 0.5 } }, "backoff.multiplier", "0.5" },
        { "backoff multiplier not finite", Minimal with { Backoff = new RawBackoff { Multiplier = double.NaN } }, "backoff.multiplier", "NaN" },
        { "backoff reset negative", Minimal with { Backoff = new RawBackoff { ResetAfter = "-1s" } }, "backoff.resetAfter", "-1s" },
        { "backoff random factor negative", Minimal with { Backoff = new RawBackoff { RandomFactor = -0.1 } }, "backoff.randomFactor", "-0.1" },
        { "intensity without window", Minimal with { Intensity = new RawIntensity { MaxRestarts = 3 } }, "intensity.window", null },
        { "intensity without count", Minimal with { Intensity = new RawIntensity { Window = "1m" } }, "intensity.maxRestarts", null },
        { "intensity zero window", Minimal with { Intensity = new RawIntensity { MaxRestarts = 3, Window = "0s" } }, "intensity.window", "0s" },
        { "intensity negative count", Minimal with { Intensity = new RawIntensity { MaxRestarts = -1, Window = "1m" } }, "intensity.maxRestarts", "-1" },
        { "unhealthy restart without limit", Minimal with { Healthcheck = Probe, RestartOnUnhealthy = new RawUnhealthyRestart() }, "restartOnUnhealthy.limit", null },
        { "unhealthy restart limit 0", Minimal with { Healthcheck = Probe, RestartOnUnhealthy = new RawUnhealthyRestart { Limit = 0 } }, "restartOnUnhealthy.limit", "0" },
        { "unhealthy restart bad grace", Minimal with { Healthcheck = Probe, RestartOnUnhealthy = new RawUnhealthyRestart { Limit = 1, Grace = "1 s" } }, "restartOnUnhealthy.grace", "1 s" },
        { "unhealthy restart without health check", Minimal with { RestartOnUnhealthy = new RawUnhealthyRestart { Limit = 1 } }, "restartOnUnhealthy", null },
    };

    private static RawHealthCheck Probe => new() { Test = ["CMD", "true"] };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Each_bad_field_gets_an_error_naming_field_and_value(string because, RawContainerSpec raw, string field, string? value)
    {
        var error = SingleError(raw);
        Assert.True(error.Field == field, $"{because}: field {error.Field}");
        Assert.True(error.Value == value, $"{because}: value '{error.Value}'");
        Assert.False(string.IsNullOrWhiteSpace(error.Message), because);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var result = ContainerSpecParser.Parse(new RawContainerSpec
        {
            Name = "_bad", Memory = "1x", Restart = "never", StopSignal = "NOPE",
            Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "1y" },
        });
        Assert.Equal(["command", "healthcheck.interval", "memory", "name", "restart", "stopSignal"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Error_text_names_field_and_value()
    {
        var error = SingleError(Minimal with { Memory = "lots" });
        Assert.StartsWith("memory 'lots': 'lots' is not a memory size", error.ToString());
    }
}
