using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Supervision.Hosting;
using ActorSupervisor.Values;

namespace ActorSupervisor.Node.Api.Mapping;

/// <summary>Groups as the API shows them.</summary>
internal static class GroupMapper
{
    /// <summary>The API's view of <paramref name="group"/>.</summary>
    public static GroupInfo ToInfo(GroupSnapshot group)
    {
        var state = group.State;
        var spec = state.Spec;
        return new GroupInfo
        {
            Name = group.Name,
            Strategy = spec is null ? "" : GroupStrategyText.Format(spec.Strategy),
            Status = state.Status == GroupStatus.GaveUp ? "gave_up" : state.Status.ToString().ToLowerInvariant(),
            Node = group.Node,
            Members = [.. group.Members.Select(m => new GroupMemberInfo
            {
                Id = m.Member.Id,
                Name = m.Member.Name,
                State = m.Container is { } container ? ContainerMapper.StateName(container.State.Status) : "removed",
                Node = m.Container?.Node,
            })],
            Intensity = spec?.Intensity is { } intensity ? new GroupIntensityInfo(intensity.MaxRestarts, GoDuration.Format(intensity.Window)) : null,
            RestartCount = state.RestartCount,
            LastRestart = state.LastRestartReason,
            GaveUpReason = state.GaveUpReason,
            Plan = state.Plan?.Kind.ToString().ToLowerInvariant(),
            Problems = group.Problems.Count > 0 ? group.Problems : null,
            Created = state.CreatedAt,
        };
    }
}
