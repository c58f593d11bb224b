using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Client.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Tests.Values;

public sealed class ContainerSpecRulesTests
{
    private static readonly RawContainerSpec Valid = new() { Name = "web", Command = ["sleep", "1"] };

    private static IReadOnlyList<string> Fields(RawContainerSpec spec, string path = "") =>
        ContainerSpecRules.Validate(spec, path).Select(p => p.Field).ToList();

    [Fact]
    public void A_minimal_process_spec_is_valid() => Assert.Empty(Fields(Valid));

    [Fact]
    public void A_full_spec_is_valid() => Assert.Empty(Fields(Valid with
    {
        Runtime = "docker",
        Image = "busybox",
        Memory = "64m",
        StopSignal = "SIGINT",
        StopTimeout = "0s",
        Restart = "on-failure:5",
        Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "1s", Timeout = "1s", Retries = 0, StartPeriod = "0s", StartInterval = "1ms" },
    }));

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var spec = new RawContainerSpec
        {
            Name = "-bad",
            Runtime = "podman",
            Command = [],
            Cmd = "true",
            Memory = "-1m",
            StopSignal = "SIGNOPE",
            StopTimeout = "soon",
            Restart = "maybe",
            Healthcheck = new RawHealthCheck { Test = ["CMD-SHELL"], Interval = "1us", Retries = -1 },
        };
        Assert.Equal(
            ["c[1].name", "c[1].runtime", "c[1].cmd", "c[1].command", "c[1].memory", "c[1].stopTimeout", "c[1].stopSignal", "c[1].restart",
             "c[1].healthcheck.test", "c[1].healthcheck.interval", "c[1].healthcheck.retries"],
            Fields(spec, "c[1]."));
    }

    [Fact]
    public void The_runtime_decides_what_is_required()
    {
        Assert.Equal(["name", "command"], Fields(new RawContainerSpec()));
        Assert.Equal(["image"], Fields(new RawContainerSpec { Name = "db", Runtime = "docker" }));
        Assert.Empty(Fields(new RawContainerSpec { Name = "fk", Runtime = "fake", }));
    }

    [Fact]
    public void Zero_means_the_default_for_health_durations_and_no_limit_for_memory() =>
        Assert.Empty(Fields(Valid with { Memory = "0", Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "0s", Timeout = "0" } }));

    // Issue 14: the bounds of ActorSupervisor.Values.SpecLimits, checked before anything is sent.
    [Theory]
    [InlineData("healthcheck.interval")]
    [InlineData("stopTimeout")]
    [InlineData("backoff.max")]
    [InlineData("intensity.window")]
    [InlineData("memory")]
    public void Values_past_their_bound_are_refused(string field)
    {
        var spec = field switch
        {
            "healthcheck.interval" => Valid with { Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "25h" } },
            "stopTimeout" => Valid with { StopTimeout = "2h" },
            "backoff.max" => Valid with { Backoff = new RawBackoff { Max = "1200h" } },
            "intensity.window" => Valid with { Intensity = new RawIntensity { MaxRestarts = 1, Window = "25h" } },
            _ => Valid with { Memory = "65t" },
        };

        Assert.Equal([field], Fields(spec));
    }

    [Fact]
    public void A_health_interval_of_1ns_is_refused() =>
        Assert.Equal(["healthcheck.interval"], Fields(Valid with { Healthcheck = new RawHealthCheck { Test = ["CMD", "true"], Interval = "1ns" } }));
}
