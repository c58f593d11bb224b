using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Supervision.Serialization;

/// <summary>
/// The stable names under which container events and snapshots are stored. They are the journal's contract:
/// a manifest is never renamed or reused; a changed shape gets a new version (v2) and an upcaster from the old one.
/// </summary>
public static class ContainerManifests
{
    /// <summary><see cref="ContainerEvent.Created"/>.</summary>
    public const string Created = "container.create.v1";

    /// <summary><see cref="ContainerEvent.Started"/>.</summary>
    public const string Started = "container.start.v1";

    /// <summary><see cref="ContainerEvent.Died"/>.</summary>
    public const string Died = "container.die.v1";

    /// <summary><see cref="ContainerEvent.OutOfMemory"/>.</summary>
    public const string OutOfMemory = "container.oom.v1";

    /// <summary><see cref="ContainerEvent.Killed"/>.</summary>
    public const string Killed = "container.kill.v1";

    /// <summary><see cref="ContainerEvent.Stopped"/>.</summary>
    public const string Stopped = "container.stop.v1";

    /// <summary><see cref="ContainerEvent.Paused"/>.</summary>
    public const string Paused = "container.pause.v1";

    /// <summary><see cref="ContainerEvent.Unpaused"/>.</summary>
    public const string Unpaused = "container.unpause.v1";

    /// <summary><see cref="ContainerEvent.Restarting"/>.</summary>
    public const string Restarting = "container.restart.v1";

    /// <summary><see cref="ContainerEvent.HealthProbed"/>.</summary>
    public const string HealthProbed = "container.health_probe.v1";

    /// <summary><see cref="ContainerEvent.HealthStatusChanged"/>.</summary>
    public const string HealthStatusChanged = "container.health_status.v1";

    /// <summary><see cref="ContainerEvent.ReadinessProbed"/>.</summary>
    public const string ReadinessProbed = "container.readiness_probe.v1";

    /// <summary><see cref="ContainerEvent.ReadinessStatusChanged"/>.</summary>
    public const string ReadinessStatusChanged = "container.readiness_status.v1";

    /// <summary><see cref="ContainerEvent.Updated"/>.</summary>
    public const string Updated = "container.update.v1";

    /// <summary><see cref="ContainerEvent.Destroyed"/>.</summary>
    public const string Destroyed = "container.destroy.v1";

    /// <summary><see cref="ContainerEvent.GaveUp"/>.</summary>
    public const string GaveUp = "container.gave_up.v1";

    /// <summary><see cref="ContainerEvent.GroupChanged"/>.</summary>
    public const string GroupChanged = "container.group.v1";

    /// <summary><see cref="GroupEvent.Created"/> (the history of a group entity).</summary>
    public const string GroupCreated = "group.create.v1";

    /// <summary><see cref="GroupEvent.PlanBegun"/>.</summary>
    public const string GroupPlanBegun = "group.plan.v1";

    /// <summary><see cref="GroupEvent.MemberRestarted"/>.</summary>
    public const string GroupMemberRestarted = "group.member_restart.v1";

    /// <summary><see cref="GroupEvent.PlanCompleted"/>.</summary>
    public const string GroupPlanCompleted = "group.plan_done.v1";

    /// <summary><see cref="GroupEvent.GaveUp"/>.</summary>
    public const string GroupGaveUp = "group.gave_up.v1";

    /// <summary><see cref="GroupEvent.Destroyed"/>.</summary>
    public const string GroupDestroyed = "group.destroy.v1";

    /// <summary><see cref="Containers.Domain.Groups.GroupState"/> (a group's state on the wire).</summary>
    public const string GroupState = "group.state.v1";

    /// <summary><see cref="Actors.NameClaimed"/>: a container took a name (the history of a name entity).</summary>
    public const string NameClaimed = "name.claim.v1";

    /// <summary><see cref="ContainerState"/> (snapshots).</summary>
    public const string State = "container.state.v1";
}
