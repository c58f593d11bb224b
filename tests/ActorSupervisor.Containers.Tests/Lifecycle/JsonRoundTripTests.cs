using System.Text.Json;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

// The journal persists events and snapshots states with System.Text.Json: both must come back equal.
public class JsonRoundTripTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2));

    private static readonly ContainerSpec FullSpec = new()
    {
        Name = "api-1",
        Runtime = RuntimeKind.Docker,
        Image = "busybox",
        Command = CommandLine.Shell("httpd -f"),
        Env = new Dictionary<string, string> { ["A"] = "1" },
        WorkingDirectory = "/srv",
        User = "nobody",
        Labels = new Dictionary<string, string> { ["team"] = "core" },
        MemoryLimitBytes = 64L << 20,
        StopSignal = "SIGINT",
        StopTimeout = TimeSpan.FromSeconds(3),
        Restart = RestartPolicy.OnFailure(4),
        Backoff = Backoff.Default with { RandomFactor = 0.25 },
        Intensity = new RestartIntensity(5, TimeSpan.FromMinutes(2)),
        RestartOnUnhealthy = new UnhealthyRestart(3, TimeSpan.FromSeconds(5)),
        HealthCheck = new HealthCheck { Test = CommandLine.Exec("wget", "-q", "localhost"), Retries = 2, Exit2MeansStarting = true },
    };

    public static TheoryData<ContainerEvent> EveryEvent => new()
    {
        new ContainerEvent.Created(At, FullSpec),
        new ContainerEvent.Started(At, "4242", 4242, 99_887_766, true),
        new ContainerEvent.Died(At, null, TimeSpan.FromMilliseconds(1234.5), true, "exec failed", true),
        new ContainerEvent.OutOfMemory(At),
        new ContainerEvent.Killed(At, "SIGKILL", StopPurpose.Remove, true),
        new ContainerEvent.Stopped(At),
        new ContainerEvent.Paused(At),
        new ContainerEvent.Unpaused(At),
        new ContainerEvent.Restarting(At, 3, TimeSpan.FromMilliseconds(450), TimeSpan.FromMilliseconds(400), true, "restart policy always"),
        new ContainerEvent.HealthProbed(At, new HealthLogEntry(At.AddSeconds(-1), At, -1, "Health check exceeded timeout (30s)")),
        new ContainerEvent.HealthStatusChanged(At, HealthStatus.Unhealthy),
        new ContainerEvent.ReadinessProbed(At, new HealthLogEntry(At.AddSeconds(-1), At, 1, "HTTP 503")),
        new ContainerEvent.ReadinessStatusChanged(At, ReadinessStatus.NotReady),
        new ContainerEvent.Updated(At, RestartPolicy.UnlessStopped),
        new ContainerEvent.Updated(At, null, Readiness: new HealthCheck { HttpGet = new Uri("http://127.0.0.1:8080/ready") }),
        new ContainerEvent.Updated(At, null, 64L << 20, new HealthCheck { Test = CommandLine.Shell("true"), Interval = TimeSpan.FromSeconds(5) }),
        new ContainerEvent.Destroyed(At),
        new ContainerEvent.GaveUp(At, "more than 5 restarts within 2m0s"),
        new ContainerEvent.GroupChanged(At, "web", true),
    };

    [Fact]
    public void The_sample_covers_every_event_type()
    {
        var sampled = ((IEnumerable<object[]>)EveryEvent).Select(row => row[0].GetType()).ToHashSet();
        var all = typeof(ContainerEvent).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(ContainerEvent)));
        Assert.All(all, t => Assert.Contains(t, sampled));
    }

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Every_event_round_trips_as_itself_and_as_the_base_type(ContainerEvent e)
    {
        var asBase = JsonSerializer.Serialize(e);
        Assert.Contains($"\"type\":\"{e.Action}\"", asBase);
        var back = JsonSerializer.Deserialize<ContainerEvent>(asBase)!;
        Assert.Equal(e.GetType(), back.GetType());
        Assert.Equal(asBase, JsonSerializer.Serialize(back));

        var asItself = JsonSerializer.Serialize(e, e.GetType());
        Assert.Equal(asItself, JsonSerializer.Serialize(JsonSerializer.Deserialize(asItself, e.GetType()), e.GetType()));
        Assert.Equal(e.At, back.At);
    }

    [Fact]
    public void A_populated_state_round_trips()
    {
        var harness = ContainerHarness.Running(FullSpec);
        harness.Advance(TimeSpan.FromMinutes(1));
        harness.Accept(new HealthResult(0, "ok", TimeSpan.FromMilliseconds(20)));
        harness.Accept(new RuntimeOomKilled());
        harness.Exit(137, TimeSpan.FromSeconds(2));
        harness.Supervise();
        var state = harness.State;
        Assert.Equal(ContainerStatus.Restarting, state.Status);

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<ContainerState>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(FullSpec.Command, back.Spec!.Command);
        Assert.Equal(FullSpec.HealthCheck, back.Spec.HealthCheck);
        Assert.Equal(FullSpec.Restart, back.Spec.Restart);
        Assert.Equal("1", back.Spec.Env["A"]);
        Assert.Equal((state.RestartCount, state.RestartDueAt, state.LastBackoff, state.OomKilled), (back.RestartCount, back.RestartDueAt, back.LastBackoff, back.OomKilled));
        Assert.Equal(state.Health!.Log, back.Health!.Log);
        Assert.Equal(state.RecentRestarts, back.RecentRestarts);
        Assert.Contains("\"Status\":\"Restarting\"", json);
    }
}
