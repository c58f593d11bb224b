using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Messages;

namespace ActorSupervisor.Node.Interop;

/// <summary>The HTTP API's records as the actor messages carry them (same states, same event narration).</summary>
internal static class InteropMapper
{
    /// <summary>A container as <see cref="ContainerView"/>.</summary>
    public static ContainerView ToView(ContainerInfo info) => new(info.Id, info.Name, info.Node, info.State, info.RestartCount, info.ExitCode,
        info.Error, info.Pid, info.CreatedAt, info.StartedAt, info.FinishedAt);

    /// <summary>An event of the API's stream as <see cref="ContainerEventNotice"/>.</summary>
    public static ContainerEventNotice ToNotice(ContainerEvent e) =>
        new(e.Offset, e.Seq, e.Time, e.Type, e.ContainerId, e.ContainerName, e.Attributes, e.Why);

    /// <summary>A group as <see cref="GroupView"/>.</summary>
    public static GroupView ToView(GroupInfo info) => new(info.Name, info.Strategy, info.Status, info.Node,
        info.Members.Select(m => new GroupMemberView(m.Id, m.Name, m.State, m.Node)).ToList(), info.RestartCount,
        info.Intensity?.MaxRestarts, info.Intensity?.Window, info.LastRestart, info.GaveUpReason, info.Plan, info.Problems);
}
