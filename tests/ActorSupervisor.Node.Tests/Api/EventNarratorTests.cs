using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Node.Api.Mapping;
using ApiEvent = ActorSupervisor.Client.Contracts.ContainerEvent;
using E = ActorSupervisor.Containers.Domain.Lifecycle.ContainerEvent;

namespace ActorSupervisor.Node.Tests.Api;

// Issue 15: the API's events follow Docker's names and sequences (SEMANTICS.md "events" and "stop" rows), with the
// why sentences history shows.
public class EventNarratorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 6, 52, 0, TimeSpan.Zero);
    private static readonly ContainerSpec Crashy = new()
    {
        Name = "crashy",
        Command = CommandLine.Shell("sleep 1; exit 1"),
        Restart = RestartPolicy.OnFailure(5),
        HealthCheck = new HealthCheck { Test = CommandLine.Shell("probe") },
    };

    private readonly EventNarrator _narrator = new();
    private long _seq;

    private ApiEvent? Narrate(E e) => _narrator.Narrate("c1", "crashy", ++_seq, _seq * 100, e);

    private List<ApiEvent> NarrateAll(params E[] events) => events.Select(Narrate).OfType<ApiEvent>().ToList();

    private static DateTimeOffset Ms(int ms) => T0.AddMilliseconds(ms);

    // "events" row: an automatic restart is die then start, no restart event; attempt, delay and reason ride on them.
    [Fact]
    public void A_policy_restart_is_die_then_start_with_the_decision_on_the_start()
    {
        var narrated = NarrateAll(
            new E.Created(T0, Crashy),
            new E.Started(Ms(1), "1", 1, 0, false),
            new E.Died(Ms(233), 1, TimeSpan.FromMilliseconds(232), false, null, true),
            new E.Restarting(Ms(234), 1, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), true, "restart policy on-failure:5: exited with code 1"),
            new E.Started(Ms(334), "2", 2, 0, true));

        Assert.Equal(["create", "start", "die", "start"], narrated.Select(e => e.Type));
        var die = narrated[2];
        Assert.Equal(("1", "on-failure:5", "1"), (die.Attributes["attempt"], die.Attributes["policy"], die.Attributes["exitCode"]));
        Assert.Equal("exited with code 1 after 232ms; the restart policy allows a restart", die.Why);
        var start = narrated[3];
        Assert.Equal(("policy", "1", "100ms", "100ms"), (start.Attributes["trigger"], start.Attributes["attempt"], start.Attributes["delay"], start.Attributes["backoff"]));
        Assert.Equal("restart policy on-failure:5: exited with code 1", start.Attributes["reason"]);
        Assert.Equal("restart 1 under on-failure:5 after exit code 1 after 232ms; waited 100ms (backoff 100ms)", start.Why);
    }

    [Fact]
    public void An_operators_restart_is_still_a_restart_event()
    {
        var narrated = NarrateAll(
            new E.Created(T0, Crashy),
            new E.Started(Ms(1), "1", 1, 0, false),
            new E.Restarting(Ms(2), 0, TimeSpan.Zero, TimeSpan.Zero, false, "restarted by an operator"),
            new E.Started(Ms(3), "2", 2, 0, false));
        Assert.Equal(["create", "start", "restart", "start"], narrated.Select(e => e.Type));
        Assert.Equal("operator", narrated[^1].Attributes["trigger"]);
    }

    // "stop" row: kill (15), kill (9) when it escalates, die, stop.
    [Fact]
    public void An_escalated_stop_reads_kill_kill_die_stop()
    {
        var narrated = NarrateAll(
            new E.Created(T0, Crashy),
            new E.Started(Ms(1), "1", 1, 0, false),
            new E.Killed(Ms(10), "SIGTERM", StopPurpose.Stop, true),
            new E.Killed(Ms(10_010), "SIGKILL", StopPurpose.Stop, true),
            new E.Died(Ms(10_011), 137, TimeSpan.FromSeconds(10), false, null, false),
            new E.Stopped(Ms(10_011)));
        Assert.Equal(["kill", "kill", "die", "stop"], narrated.Skip(2).Select(e => e.Type));
        Assert.Equal(["SIGTERM", "SIGKILL"], narrated.Where(e => e.Type == "kill").Select(e => e.Attributes["signal"]));
        Assert.Equal("SIGTERM sent to stop it (operator)", narrated[2].Why);
        Assert.Equal("SIGKILL sent: still running after the stop timeout", narrated[3].Why);
    }

    // docs/api.md: start's trigger is operator, policy or recovery.
    [Fact]
    public void A_start_by_the_node_at_its_start_has_trigger_recovery()
    {
        var start = NarrateAll(new E.Created(T0, Crashy), new E.Started(Ms(1), "7", 7, 0, false, Recovery: true))[^1];
        Assert.Equal("recovery", start.Attributes["trigger"]);
        Assert.Equal("started by the node at its start: restart policy on-failure:5 (pid 7)", start.Why);
    }

    [Fact]
    public void A_shutdown_stop_says_so_and_is_not_an_operators_stop()
    {
        var narrated = NarrateAll(
            new E.Created(T0, Crashy),
            new E.Started(Ms(1), "1", 1, 0, false),
            new E.Killed(Ms(5), "SIGTERM", StopPurpose.Shutdown, true),
            new E.Died(Ms(6), 143, TimeSpan.FromMilliseconds(5), false, null, false),
            new E.Stopped(Ms(6), ByShutdown: true));
        Assert.Equal("SIGTERM sent to stop it (node shutdown)", narrated[2].Why);
        Assert.Equal("shutdown", narrated[^1].Attributes["trigger"]);
        Assert.StartsWith("stopped by the node's shutdown", narrated[^1].Why);
    }

    // "health transitions" row: every start resets the streak to 0 (history read "2 / 4 / 6 / 8 probes failed in a
    // row"); a pause shows streak 0 too.
    [Fact]
    public void Every_start_and_a_pause_reset_the_failing_streak()
    {
        NarrateAll(new E.Created(T0, Crashy), new E.Started(Ms(1), "1", 1, 0, false));
        var t = 100;
        ApiEvent? Fail() => Narrate(new E.HealthProbed(Ms(t += 100), new HealthLogEntry(Ms(t), Ms(t), 1, "no")));
        Fail(); Fail();
        var first = Narrate(new E.HealthStatusChanged(Ms(t), HealthStatus.Unhealthy))!;
        Assert.Equal("2", first.Attributes["failingStreak"]);

        NarrateAll(new E.Died(Ms(t += 10), 1, TimeSpan.FromSeconds(1), false, null, true),
            new E.Restarting(Ms(t), 1, TimeSpan.Zero, TimeSpan.Zero, true, "on-failure"),
            new E.Started(Ms(t), "2", 2, 0, true));
        Fail(); Fail();
        var second = Narrate(new E.HealthStatusChanged(Ms(t), HealthStatus.Unhealthy))!;
        Assert.Equal("2", second.Attributes["failingStreak"]);
        Assert.Equal("unhealthy: 2 probes failed in a row (last: exit 1)", second.Why);

        Narrate(new E.Paused(Ms(t += 10)));
        var healthy = NarrateAll(new E.Unpaused(Ms(t += 10)), new E.HealthProbed(Ms(t += 10), new HealthLogEntry(Ms(t), Ms(t), 0, "ok")),
            new E.HealthStatusChanged(Ms(t), HealthStatus.Healthy))[^1];
        Assert.Equal(("healthy", "0"), (healthy.Attributes["status"], healthy.Attributes["failingStreak"]));
    }
}
