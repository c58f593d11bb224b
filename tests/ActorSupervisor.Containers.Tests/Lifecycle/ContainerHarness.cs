using System.Text.Json;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Containers.Tests.Lifecycle;

/// <summary>
/// Drives one container through the decider as its actor and supervisor would: applies accepted events,
/// keeps the history, and plays the supervisor's part when an exit is reported.
/// </summary>
internal sealed class ContainerHarness
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private int _workloads;

    public DateTimeOffset Now { get; private set; } = Epoch;
    public ContainerState State { get; private set; } = ContainerState.Empty;
    public List<ContainerEvent> History { get; } = [];
    public Decision Last { get; private set; } = Decision.Accept([]);
    public Random Random { get; } = new(42);

    public static ContainerSpec Spec(RestartPolicy? restart = null) => new()
    {
        Name = "web-1",
        Command = CommandLine.Exec("sleep", "60"),
        Restart = restart ?? RestartPolicy.No,
    };

    public static ContainerHarness Running(ContainerSpec spec)
    {
        var harness = new ContainerHarness();
        harness.Accept(new ContainerCommand.Create(spec));
        harness.Accept(new ContainerCommand.Start());
        harness.Accept(new ContainerCommand.RuntimeStarted(harness.NextWorkload(), 100));
        return harness;
    }

    public string NextWorkload() => $"w{++_workloads}";

    public Decision Send(ContainerCommand command)
    {
        Last = ContainerDecider.Decide(State, command, Now);
        foreach (var e in Last.Events)
        {
            State = State.Apply(e);
            History.Add(e);
        }
        return Last;
    }

    public IReadOnlyList<ContainerEvent> Accept(ContainerCommand command)
    {
        var decision = Send(command);
        Assert.False(decision.IsRejected, $"{command} was rejected: {decision.Rejection}");
        return decision.Events;
    }

    public string Reject(ContainerCommand command)
    {
        var before = Json(State);
        var decision = Send(command);
        Assert.True(decision.IsRejected, $"{command} was accepted with {string.Join(", ", decision.Events.Select(e => e.Action))}");
        Assert.Empty(decision.Events);
        Assert.Empty(decision.Effects);
        Assert.Equal(before, Json(State));
        return decision.Rejection!;
    }

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>The workload exits after running <paramref name="ran"/>.</summary>
    public IReadOnlyList<ContainerEvent> Exit(int? code, TimeSpan ran, bool oom = false)
    {
        Advance(ran);
        return Accept(new ContainerCommand.RuntimeExited(code, oom, Now));
    }

    /// <summary>The supervisor's part: when the last decision reported an exit, decide and tell the container.</summary>
    public RestartDecision? Supervise()
    {
        if (!Last.Effects.OfType<ContainerEffect.ReportExit>().Any())
            return null;
        var decision = RestartManager.Decide(State.RestartContext(), Now, Random);
        switch (decision.Verdict)
        {
            case RestartVerdict.Restart:
                Accept(new ContainerCommand.ScheduleRestart(decision));
                break;
            case RestartVerdict.GiveUp:
                Accept(new ContainerCommand.GiveUp(decision.Reason));
                break;
        }
        return decision;
    }

    /// <summary>The restart timer fires and the runtime starts the workload.</summary>
    public void RestartNow()
    {
        Advance(State.RestartDueAt!.Value - Now);
        Accept(new ContainerCommand.RestartDue());
        Accept(new ContainerCommand.RuntimeStarted(NextWorkload(), 100 + _workloads));
    }

    public static string Json(ContainerState state) => JsonSerializer.Serialize(state);
}
