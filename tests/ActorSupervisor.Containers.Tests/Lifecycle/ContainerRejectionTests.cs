using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using static ActorSupervisor.Containers.Domain.Lifecycle.ContainerCommand;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

// A command that makes no sense in a state is rejected with a reason and changes nothing (issue 2).
public class ContainerRejectionTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static readonly ContainerSpec Spec = ContainerHarness.Spec(RestartPolicy.Always) with
    {
        HealthCheck = new HealthCheck { Test = CommandLine.Exec("true") },
    };

    internal static ContainerHarness In(ContainerStatus status)
    {
        if (status == ContainerStatus.None)
            return new ContainerHarness();
        if (status == ContainerStatus.Created)
        {
            var created = new ContainerHarness();
            created.Accept(new Create(Spec));
            return created;
        }
        var harness = ContainerHarness.Running(Spec);
        switch (status)
        {
            case ContainerStatus.Paused:
                harness.Accept(new RuntimePaused());
                break;
            case ContainerStatus.Restarting:
                harness.Exit(1, Second);
                harness.Supervise();
                break;
            case ContainerStatus.Exited:
                harness.Accept(new Stop());
                harness.Exit(143, Second);
                break;
            case ContainerStatus.Removing:
                harness.Accept(new Remove(Force: true));
                break;
            case ContainerStatus.Removed:
                harness.Accept(new Remove(Force: true));
                harness.Exit(137, Second);
                break;
        }
        Assert.Equal(status, harness.State.Status);
        return harness;
    }

    public static TheoryData<ContainerStatus, ContainerCommand, string> Rows => new()
    {
        { ContainerStatus.None, new Start(), "no such container" },
        { ContainerStatus.None, new RuntimeStarted("w", 1), "no such container" },
        { ContainerStatus.None, new HealthResult(0, "", Second), "no such container" },
        { ContainerStatus.None, new Create(null!), "needs a spec" },
        { ContainerStatus.Created, new Create(Spec), "already exists" },
        { ContainerStatus.Created, new Update(null), "changes nothing" },
        { ContainerStatus.Created, new Pause(), "cannot pause" },
        { ContainerStatus.Created, new Kill(), "nothing runs" },
        { ContainerStatus.Created, new RuntimeExited(0, false, ContainerHarness.Epoch), "no workload runs" },
        { ContainerStatus.Created, new RuntimeOomKilled(), "cannot be recorded" },
        { ContainerStatus.Created, new HealthResult(0, "", Second), "only while running" },
        { ContainerStatus.Running, new Start(), "not modified" },
        { ContainerStatus.Running, new Unpause(), "not paused" },
        { ContainerStatus.Running, new RuntimeStarted("w9", 9), "a start cannot be recorded" },
        { ContainerStatus.Running, new RuntimeStartFailed(127, "x"), "a start failure cannot be recorded" },
        { ContainerStatus.Running, new RuntimeResumed(), "not paused" },
        { ContainerStatus.Running, new RestartDue(), "no restart is pending" },
        { ContainerStatus.Running, new GiveUp("x"), "no restart decision is pending" },
        { ContainerStatus.Running, new Stop(-Second), "cannot be negative" },
        { ContainerStatus.Running, new Restart(-Second), "cannot be negative" },
        { ContainerStatus.Running, new Kill("SIGNONE"), "is not a signal" },
        { ContainerStatus.Running, new RuntimeStarted(" ", 1), "workload's id" },
        { ContainerStatus.Running, new RuntimeStopEscalated(), "no stop is in progress" },
        { ContainerStatus.Exited, new RuntimeStopEscalated(), "no stop is in progress" },
        { ContainerStatus.Paused, new Start(), "unpause it instead" },
        { ContainerStatus.Paused, new Pause(), "cannot pause" },
        { ContainerStatus.Paused, new HealthResult(0, "", Second), "only while running and not paused" },
        { ContainerStatus.Restarting, new Start(), "restarting" },
        { ContainerStatus.Restarting, new Pause(), "cannot pause" },
        { ContainerStatus.Restarting, new Unpause(), "not paused" },
        { ContainerStatus.Restarting, new RuntimeExited(1, false, ContainerHarness.Epoch), "no workload runs" },
        { ContainerStatus.Restarting, new Kill("SIGUSR1"), "nothing runs" },
        { ContainerStatus.Exited, new Kill(), "nothing runs" },
        { ContainerStatus.Exited, new Pause(), "cannot pause" },
        { ContainerStatus.Exited, new RuntimePaused(), "cannot be recorded" },
        { ContainerStatus.Exited, new RestartDue(), "no restart is pending" },
        { ContainerStatus.Removing, new Stop(), "being removed" },
        { ContainerStatus.Removing, new Remove(Force: true), "being removed" },
        { ContainerStatus.Removing, new Update(RestartPolicy.No), "being removed" },
        { ContainerStatus.Removing, new HealthResult(0, "", Second), "being removed" },
        { ContainerStatus.Removed, new Start(), "was removed" },
        { ContainerStatus.Removed, new Remove(), "was removed" },
        { ContainerStatus.Removed, new RuntimeExited(0, false, ContainerHarness.Epoch), "was removed" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Commands_that_make_no_sense_are_rejected_with_a_reason(ContainerStatus status, ContainerCommand command, string reason) =>
        Assert.Contains(reason, In(status).Reject(command));

    private static readonly ContainerCommand[] EveryCommand =
    [
        new Create(Spec), new Start(), new Stop(), new Restart(), new Kill(), new Kill("HUP"), new Pause(), new Unpause(),
        new Remove(), new Remove(Force: true), new Update(RestartPolicy.OnFailure(2)), new RuntimeStarted("w7", 7),
        new RuntimeStartFailed(127, "not found"), new RuntimeExited(1, false, ContainerHarness.Epoch.AddHours(1)),
        new RuntimeOomKilled(), new RuntimePaused(), new RuntimeResumed(), new HealthResult(1, "no", Second),
        new ScheduleRestart(new RestartDecision(RestartVerdict.Restart, 1, Second, Second, "always")), new RestartDue(), new GiveUp("too often"),
        new RuntimeStopEscalated(), new ShutdownStop(), new Start(StartTrigger.Recovery), new RuntimeStarted("w8", 8, At: ContainerHarness.Epoch),
    ];

    // Never a crash: every command in every state gives an answer; a rejection carries a reason and nothing else.
    [Fact]
    public void Every_command_in_every_state_is_answered()
    {
        foreach (var status in Enum.GetValues<ContainerStatus>())
        foreach (var command in EveryCommand)
        {
            var harness = In(status);
            var decision = ContainerDecider.Decide(harness.State, command, harness.Now);
            if (decision.IsRejected)
                Assert.True(decision.Events.Count == 0 && decision.Effects.Count == 0 && decision.Rejection!.Length > 10, $"{status} {command}");
            else if (command is not (Stop or ShutdownStop)) // the two that may be a no-op ("no change")
                Assert.True(decision.Events.Count + decision.Effects.Count > 0, $"{status} {command} accepted without events or effects");
        }
    }
}
