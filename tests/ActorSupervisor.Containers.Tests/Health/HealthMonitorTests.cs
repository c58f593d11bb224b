using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Containers.Tests.Health;

// Oracle: SEMANTICS.md "health transitions", "exit code 2", "health output" rows and 1.2 (moby daemon/health.go).
public class HealthMonitorTests
{
    private static readonly DateTimeOffset StartedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static HealthCheck Check(int retries = 3, int startPeriodSeconds = 0, bool exit2MeansStarting = false) => new()
    {
        Test = CommandLine.Exec("probe"),
        Retries = retries,
        StartPeriod = TimeSpan.FromSeconds(startPeriodSeconds),
        Exit2MeansStarting = exit2MeansStarting,
    };

    private static HealthLogEntry Probe(int exitCode, int atSeconds = 60) =>
        new(StartedAt.AddSeconds(atSeconds), StartedAt.AddSeconds(atSeconds + 1), exitCode, "");

    // Row: from status and streak, a probe with exit code at a time after start, with start period, retries
    // and the exit-2 option, gives status and streak.
    [Theory]
    [InlineData(HealthStatus.Starting, 0, 0, 60, 0, 3, false, HealthStatus.Healthy, 0)]     // exit 0 -> healthy, streak 0
    [InlineData(HealthStatus.Unhealthy, 5, 0, 60, 0, 3, false, HealthStatus.Healthy, 0)]
    [InlineData(HealthStatus.Starting, 0, 1, 60, 0, 3, false, HealthStatus.Starting, 1)]    // other exit -> failure
    [InlineData(HealthStatus.Starting, 2, 1, 60, 0, 3, false, HealthStatus.Unhealthy, 3)]   // streak >= retries -> unhealthy
    [InlineData(HealthStatus.Healthy, 2, 1, 60, 0, 3, false, HealthStatus.Unhealthy, 3)]
    [InlineData(HealthStatus.Healthy, 0, 1, 60, 0, 3, false, HealthStatus.Healthy, 1)]
    [InlineData(HealthStatus.Starting, 0, 1, 60, 0, 1, false, HealthStatus.Unhealthy, 1)]
    [InlineData(HealthStatus.Starting, 0, 1, 10, 30, 3, false, HealthStatus.Starting, 0)]   // inside start period while starting: not counted
    [InlineData(HealthStatus.Starting, 0, 1, 30, 30, 3, false, HealthStatus.Starting, 1)]   // at the end of the start period: counted
    [InlineData(HealthStatus.Healthy, 0, 1, 10, 30, 3, false, HealthStatus.Healthy, 1)]     // start period only spares "starting"
    [InlineData(HealthStatus.Starting, 0, -1, 60, 0, 3, false, HealthStatus.Starting, 1)]   // timeout (-1) is a failure
    [InlineData(HealthStatus.Starting, 0, 2, 60, 0, 3, false, HealthStatus.Starting, 1)]    // exit 2 is a failure (Docker since 91e9f38)
    [InlineData(HealthStatus.Starting, 2, 2, 60, 0, 3, false, HealthStatus.Unhealthy, 3)]
    [InlineData(HealthStatus.Starting, 2, 2, 60, 0, 3, true, HealthStatus.Starting, 2)]     // option: 2 while starting = still starting
    [InlineData(HealthStatus.Healthy, 2, 2, 60, 0, 3, true, HealthStatus.Unhealthy, 3)]     // option: after starting, 2 is a failure
    public void Probe_results_move_the_health_as_docker(HealthStatus from, int streak, int exitCode, int atSeconds,
        int startPeriodSeconds, int retries, bool exit2MeansStarting, HealthStatus expected, int expectedStreak)
    {
        var health = new HealthState(from, streak, []);
        var after = HealthMonitor.Record(health, Probe(exitCode, atSeconds), Check(retries, startPeriodSeconds, exit2MeansStarting), StartedAt);
        Assert.Equal((expected, expectedStreak), (after.Status, after.FailingStreak));
    }

    [Fact]
    public void The_log_keeps_the_last_five_results()
    {
        var health = HealthState.Starting();
        for (var i = 0; i < 7; i++)
            health = HealthMonitor.Record(health, Probe(i, 60 + i), Check(retries: 100), StartedAt);
        Assert.Equal([2, 3, 4, 5, 6], health.Log.Select(e => e.ExitCode));
    }

    [Fact]
    public void A_timeout_is_recorded_as_exit_minus_one_with_dockers_message()
    {
        var end = StartedAt.AddMinutes(1);
        var check = Check() with { Timeout = TimeSpan.FromMilliseconds(1500) };
        var silent = HealthMonitor.Entry(check, 0, "", TimeSpan.FromSeconds(5), true, end);
        Assert.Equal(new HealthLogEntry(end.AddSeconds(-5), end, -1, "Health check exceeded timeout (1.5s)"), silent);
        // Current moby appends what the probe printed before it was killed.
        Assert.Equal("Health check exceeded timeout (1.5s): partial", HealthMonitor.Entry(check, 0, "partial", TimeSpan.FromSeconds(5), true, end).Output);
    }

    [Fact]
    public void Output_is_capped_at_4096_bytes_then_dots()
    {
        Assert.Equal(new string('a', 4096), HealthMonitor.CapOutput(new string('a', 4096)));
        Assert.Equal(new string('a', 4096) + "...", HealthMonitor.CapOutput(new string('a', 5000)));
        // A two-byte character straddling the cap is dropped whole rather than cut in half.
        Assert.Equal(new string('a', 4095) + "...", HealthMonitor.CapOutput(new string('a', 4095) + "é"));
        var entry = HealthMonitor.Entry(Check(), 1, new string('x', 10_000), TimeSpan.FromSeconds(1), false, StartedAt);
        Assert.Equal(4096 + 3, entry.Output.Length);
    }

    // 1.2: interval between probes; start-interval while starting inside the start period.
    [Theory]
    [InlineData(0, HealthStatus.Starting, 0, 30)]
    [InlineData(60, HealthStatus.Starting, 0, 5)]
    [InlineData(60, HealthStatus.Starting, 59, 5)]
    [InlineData(60, HealthStatus.Starting, 60, 30)]
    [InlineData(60, HealthStatus.Healthy, 10, 30)]
    [InlineData(60, HealthStatus.Unhealthy, 10, 30)]
    public void The_next_probe_waits_the_interval_or_the_start_interval(int startPeriodSeconds, HealthStatus status, int nowSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds),
            HealthMonitor.NextProbeDelay(Check(startPeriodSeconds: startPeriodSeconds), status, StartedAt, StartedAt.AddSeconds(nowSeconds)));

    [Fact]
    public void Health_never_reports_healthy_without_a_passing_probe() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Elements(0, 1, 2, -1, 137).Zip(Gen.Choose(0, 120))).Zip(Gen.Choose(1, 5)).Zip(Gen.Elements(true, false)).ToArbitrary(),
            input =>
            {
                var ((probes, retries), exit2) = input;
                var check = Check(retries, startPeriodSeconds: 30, exit2MeansStarting: exit2);
                var health = HealthState.Starting();
                var passed = false;
                foreach (var (code, at) in probes)
                {
                    health = HealthMonitor.Record(health, Probe(code, at), check, StartedAt);
                    passed |= code == 0;
                    var consistent = health.Status switch
                    {
                        HealthStatus.Healthy => passed && health.FailingStreak < retries,
                        HealthStatus.Unhealthy => health.FailingStreak >= retries,
                        HealthStatus.Starting => !passed && health.FailingStreak < retries,
                        _ => false,
                    };
                    if (!consistent || (code == 0 && (health.Status, health.FailingStreak) != (HealthStatus.Healthy, 0)))
                        return false;
                }
                return health.Log.Count == Math.Min(probes.Count, HealthMonitor.MaxLogEntries);
            })
        .QuickCheckThrowOnFailure();
}
