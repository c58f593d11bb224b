using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Containers.Tests.Parsing;

/// <summary>Issue 14: every duration and size has an upper bound (timers overflow at ~49.7 days); "1ns" and NUL bytes are refused.</summary>
public class SpecBoundsTests
{
    private static readonly RawContainerSpec Minimal = new() { Name = "web-1", Command = ["sleep", "60"] };
    private static RawHealthCheck Probe => new() { Test = ["CMD", "true"] };

    public static TheoryData<string, RawContainerSpec, string> PastTheBound => new()
    {
        { "interval 25h", Minimal with { Healthcheck = Probe with { Interval = "25h" } }, "healthcheck.interval" },
        { "timeout 25h", Minimal with { Healthcheck = Probe with { Timeout = "25h" } }, "healthcheck.timeout" },
        { "start period 25h", Minimal with { Healthcheck = Probe with { StartPeriod = "25h" } }, "healthcheck.startPeriod" },
        { "start interval 25h", Minimal with { Healthcheck = Probe with { StartInterval = "25h" } }, "healthcheck.startInterval" },
        { "stop timeout 1200h", Minimal with { StopTimeout = "1200h" }, "stopTimeout" },
        { "stop timeout 3601 s", Minimal with { StopTimeout = "3601" }, "stopTimeout" },
        { "backoff initial 1200h", Minimal with { Backoff = new RawBackoff { Initial = "1200h", Max = "1200h" } }, "backoff.initial" },
        { "backoff max 1200h", Minimal with { Backoff = new RawBackoff { Max = "1200h" } }, "backoff.max" },
        { "backoff reset 25h", Minimal with { Backoff = new RawBackoff { ResetAfter = "25h" } }, "backoff.resetAfter" },
        { "intensity window 25h", Minimal with { Intensity = new RawIntensity { MaxRestarts = 3, Window = "25h" } }, "intensity.window" },
        { "grace 25h", Minimal with { Healthcheck = Probe, RestartOnUnhealthy = new RawUnhealthyRestart { Limit = 1, Grace = "25h" } }, "restartOnUnhealthy.grace" },
        { "memory 65t", Minimal with { Memory = "65t" }, "memory" },
    };

    [Theory]
    [MemberData(nameof(PastTheBound))]
    public void A_value_past_its_bound_is_refused_naming_the_field(string _, RawContainerSpec raw, string field)
    {
        var result = ContainerSpecParser.Parse(raw);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, e => e.Field == field);
        Assert.Contains(field == "memory" ? "maximum" : "cannot be longer than", error.Message);
    }

    [Fact]
    public void Values_at_the_bounds_are_accepted()
    {
        var result = ContainerSpecParser.Parse(Minimal with
        {
            StopTimeout = "1h",
            Memory = "64t",
            Healthcheck = Probe with { Interval = "24h", Timeout = "24h", StartPeriod = "24h", StartInterval = "24h" },
            Backoff = new RawBackoff { Initial = "24h", Max = "24h", ResetAfter = "24h" },
            Intensity = new RawIntensity { MaxRestarts = 1, Window = "24h" },
        });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(SpecLimits.MaxStopTimeout, result.Spec!.StopTimeout);
    }

    [Theory]
    [InlineData("1ns")]
    [InlineData("50ns")]
    [InlineData("500us")]
    public void A_health_interval_above_zero_but_below_1ms_is_refused_not_turned_into_the_default(string interval)
    {
        var result = ContainerSpecParser.Parse(Minimal with { Healthcheck = Probe with { Interval = interval } });

        var error = Assert.Single(result.Errors);
        Assert.Equal("healthcheck.interval", error.Field);
        Assert.Contains("1ms", error.Message);
    }

    [Fact]
    public void Zero_still_means_the_default_interval()
    {
        var result = ContainerSpecParser.Parse(Minimal with { Healthcheck = Probe with { Interval = "0s" } });

        Assert.True(result.IsValid);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Spec!.HealthCheck!.Interval);
    }

    public static TheoryData<string, RawContainerSpec, string> WithNul => new()
    {
        { "command", Minimal with { Command = ["sleep", "6\00"] }, "command" },
        { "cmd", new RawContainerSpec { Name = "web-1", Cmd = "echo a\0b" }, "cmd" },
        { "env value", Minimal with { Env = new Dictionary<string, string> { ["A"] = "x\0y" } }, "env.A" },
        { "env name", Minimal with { Env = new Dictionary<string, string> { ["A\0B"] = "x" } }, "env" },
        { "probe", Minimal with { Healthcheck = new RawHealthCheck { Test = ["CMD", "tr\0ue"] } }, "healthcheck.test" },
    };

    [Theory]
    [MemberData(nameof(WithNul))]
    public void A_nul_byte_in_a_command_or_the_environment_is_refused(string _, RawContainerSpec raw, string field)
    {
        var result = ContainerSpecParser.Parse(raw);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, e => e.Field == field);
        Assert.Contains("NUL", error.Message);
    }
}
