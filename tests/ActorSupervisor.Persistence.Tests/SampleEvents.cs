using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Supervision.Serialization;
using ActorSupervisor.Values;

namespace ActorSupervisor.Persistence.Tests;

/// <summary>One value of every type the container serializer stores, with its manifest.</summary>
internal static class SampleEvents
{
    public static readonly DateTimeOffset At = new(2026, 12, 5, 10, 11, 12, 345, TimeSpan.Zero);

    public static ContainerSpec Spec => new()
    {
        Name = "web",
        Command = CommandLine.Exec("/bin/sleep", "10"),
        Env = new Dictionary<string, string> { ["A"] = "1" },
        Restart = new RestartPolicy(RestartPolicyKind.OnFailure, 3),
    };

    public static IEnumerable<object[]> All() => Pairs().Select(p => new object[] { p.Value, p.Manifest });

    public static IEnumerable<(object Value, string Manifest)> Pairs()
    {
        yield return (new ContainerEvent.Created(At, Spec), ContainerManifests.Created);
        yield return (new ContainerEvent.Started(At, "4242", 4242, 99, false), ContainerManifests.Started);
        yield return (new ContainerEvent.Died(At, 1, TimeSpan.FromSeconds(3), false, null, true), ContainerManifests.Died);
        yield return (new ContainerEvent.OutOfMemory(At), ContainerManifests.OutOfMemory);
        yield return (new ContainerEvent.Killed(At, "SIGTERM", StopPurpose.Stop, true), ContainerManifests.Killed);
        yield return (new ContainerEvent.Stopped(At), ContainerManifests.Stopped);
        yield return (new ContainerEvent.Paused(At), ContainerManifests.Paused);
        yield return (new ContainerEvent.Unpaused(At), ContainerManifests.Unpaused);
        yield return (new ContainerEvent.Restarting(At, 2, TimeSpan.FromMilliseconds(230), TimeSpan.FromMilliseconds(200), true, "exit 1"), ContainerManifests.Restarting);
        yield return (new ContainerEvent.HealthProbed(At, new HealthLogEntry(At, At.AddSeconds(1), 0, "ok")), ContainerManifests.HealthProbed);
        yield return (new ContainerEvent.HealthStatusChanged(At, HealthStatus.Healthy), ContainerManifests.HealthStatusChanged);
        yield return (new ContainerEvent.ReadinessProbed(At, new HealthLogEntry(At, At.AddSeconds(1), 1, "HTTP 503")), ContainerManifests.ReadinessProbed);
        yield return (new ContainerEvent.ReadinessStatusChanged(At, ReadinessStatus.NotReady), ContainerManifests.ReadinessStatusChanged);
        yield return (new ContainerEvent.Updated(At, new RestartPolicy(RestartPolicyKind.Always)), ContainerManifests.Updated);
        yield return (new ContainerEvent.Destroyed(At), ContainerManifests.Destroyed);
        yield return (new ContainerEvent.GaveUp(At, "too many restarts"), ContainerManifests.GaveUp);
        var state = ContainerState.Empty
            .Apply(new ContainerEvent.Created(At, Spec))
            .Apply(new ContainerEvent.Started(At, "4242", 4242, 99, false));
        yield return (state, ContainerManifests.State);
        yield return (new ActorSupervisor.Supervision.Actors.NameClaimed("c1"), ContainerManifests.NameClaimed);
        yield return (new ContainerEvent.GroupChanged(At, "stack", true), ContainerManifests.GroupChanged);
        var group = new GroupSpec("stack", GroupStrategy.RestForOne, [new GroupMember("c1", "db"), new GroupMember("c2", "web")],
            new RestartIntensity(3, TimeSpan.FromSeconds(10)));
        var plan = new GroupPlan(GroupPlanKind.Restart, "restarted by group stack (rest_for_one) after db exited 1",
            [new GroupStep("c2", GroupStepAction.Stop), new GroupStep("c1", GroupStepAction.Start), new GroupStep("c2", GroupStepAction.Start)]);
        yield return (new GroupEvent.Created(At, group), ContainerManifests.GroupCreated);
        yield return (new GroupEvent.PlanBegun(At, plan, "c1", At), ContainerManifests.GroupPlanBegun);
        yield return (new GroupEvent.MemberRestarted(At, "c1", At), ContainerManifests.GroupMemberRestarted);
        yield return (new GroupEvent.PlanCompleted(At), ContainerManifests.GroupPlanCompleted);
        yield return (new GroupEvent.GaveUp(At, "more than 3 restarts within 10s", plan with { Kind = GroupPlanKind.GiveUp }), ContainerManifests.GroupGaveUp);
        yield return (new GroupEvent.Destroyed(At), ContainerManifests.GroupDestroyed);
        yield return (GroupState.Empty.Apply(new GroupEvent.Created(At, group)).Apply(new GroupEvent.PlanBegun(At, plan, "c1", At)), ContainerManifests.GroupState);
    }
}
