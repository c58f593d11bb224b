using System.Text.RegularExpressions;
using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Containers.Domain.Restarts;

namespace ActorSupervisor.Containers.Domain.Groups;

/// <summary>One member of a group: its container id and its name (for history and errors).</summary>
public sealed record GroupMember(string Id, string Name);

/// <summary>
/// A group of containers as declared: its name, its strategy, its members in start order (stop order is the
/// reverse), and its intensity (more than N group restarts within T: the group gives up, as an OTP supervisor).
/// </summary>
/// <param name="Name">The group's name: letters, digits, <c>_ . -</c>, starting with a letter or digit.</param>
/// <param name="Strategy">How a member's exit spreads.</param>
/// <param name="Members">The members in start order; at least one, each once.</param>
/// <param name="Intensity">The give-up limit (the pure rule of <see cref="RestartIntensity"/>), or null for none.</param>
public sealed partial record GroupSpec(string Name, GroupStrategy Strategy, IReadOnlyList<GroupMember> Members, RestartIntensity? Intensity = null)
{
    /// <summary>Whether the group, not the member's own restart decision, restarts a member (one_for_all, rest_for_one).</summary>
    public bool DecidesRestarts => Strategy is GroupStrategy.OneForAll or GroupStrategy.RestForOne;

    /// <summary>What is wrong with this spec, each problem naming its field; empty when valid.</summary>
    public IReadOnlyList<SpecError> Validate()
    {
        var errors = new List<SpecError>();
        if (string.IsNullOrWhiteSpace(Name) || !NamePattern().IsMatch(Name))
            errors.Add(new SpecError("name", null, $"invalid group name '{Name}': use letters, digits, '_', '.' or '-', starting with a letter or digit (at most 128)"));
        if (!Enum.IsDefined(Strategy))
            errors.Add(new SpecError("strategy", null, $"unknown strategy {(int)Strategy}; expected one of {GroupStrategyText.Choices}"));
        if (Members is null || Members.Count == 0)
            errors.Add(new SpecError("members", null, "a group needs at least one member"));
        else
            foreach (var twice in Members.GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
                errors.Add(new SpecError("members", null, $"container {twice.First().Name} is listed twice"));
        if (Intensity is { } intensity)
        {
            if (intensity.MaxRestarts < 0) errors.Add(new SpecError("intensity", null, $"max restarts cannot be negative ({intensity.MaxRestarts})"));
            if (intensity.Window <= TimeSpan.Zero) errors.Add(new SpecError("intensity", null, "the window must be longer than zero"));
        }
        return errors;
    }

    /// <summary>The member with id <paramref name="memberId"/>, or null.</summary>
    public GroupMember? Member(string memberId) => Members.FirstOrDefault(m => m.Id == memberId);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex NamePattern();
}
