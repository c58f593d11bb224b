using ActorSupervisor.Containers.Domain.Parsing;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Containers.Domain.Groups;

/// <summary>
/// A group as a user asks for it, before its members are resolved to containers: its name, strategy, the members'
/// names or ids in start order, and its intensity.
/// </summary>
public sealed record GroupDefinition(string Name, GroupStrategy Strategy, IReadOnlyList<string> Members, RestartIntensity? Intensity);

/// <summary>A parsed group definition, or every error found, each naming its field.</summary>
public sealed record GroupDefinitionResult(GroupDefinition? Definition, IReadOnlyList<SpecError> Errors)
{
    /// <summary>Whether the definition was valid.</summary>
    public bool IsValid => Definition is not null && Errors.Count == 0;
}

/// <summary>
/// The one rule for a group definition as typed (the API's create, the node's declared groups, the message contract):
/// name, strategy (<see cref="GroupStrategyText"/>), members (at least one, each once) and intensity. Whether the
/// members exist and belong to no other group is the host's to judge when the group is created.
/// </summary>
public static class GroupDefinitionParser
{
    /// <summary>Parses the fields; a missing strategy is one_for_one, a missing intensity none. Never throws for user input.</summary>
    public static GroupDefinitionResult Parse(string? name, string? strategy, IReadOnlyList<string>? members, RawIntensity? intensity)
    {
        var errors = new List<SpecError>();
        if (string.IsNullOrWhiteSpace(name))
            errors.Add(new SpecError("name", name, "is required: the group's name"));
        var parsedStrategy = GroupStrategy.OneForOne;
        if (strategy is not null && !GroupStrategyText.TryParse(strategy, out parsedStrategy, out var strategyError))
            errors.Add(new SpecError("strategy", strategy, strategyError));
        if (members is not { Count: > 0 })
            errors.Add(new SpecError("members", null, "is required: the members' names or ids, in start order"));
        else if (members.FirstOrDefault(string.IsNullOrWhiteSpace) is { } blank)
            errors.Add(new SpecError("members", blank, "a member's name or id cannot be empty"));
        var parsedIntensity = ReadIntensity(intensity, errors);
        if (errors.Count > 0)
            return new GroupDefinitionResult(null, errors);
        // The spec's own rules (name pattern, each member once) on the members as named; the host checks them again by id.
        var spec = new GroupSpec(name!, parsedStrategy, members!.Select(m => new GroupMember(m, m)).ToList(), parsedIntensity);
        foreach (var problem in spec.Validate())
            errors.Add(problem.Field == "name" ? problem with { Value = name } : problem);
        return errors.Count > 0
            ? new GroupDefinitionResult(null, errors)
            : new GroupDefinitionResult(new GroupDefinition(name!, parsedStrategy, members!.ToList(), parsedIntensity), []);
    }

    private static RestartIntensity? ReadIntensity(RawIntensity? raw, List<SpecError> errors)
    {
        if (raw is null) return null;
        if (raw.MaxRestarts is not { } max)
        {
            errors.Add(new SpecError("intensity.maxRestarts", null, "is required: how many group restarts the window allows"));
            return null;
        }
        if (max < 0)
        {
            errors.Add(new SpecError("intensity.maxRestarts", max.ToString(System.Globalization.CultureInfo.InvariantCulture), "cannot be negative"));
            return null;
        }
        if (!GoDuration.TryParse(raw.Window, out var window, out var error) || window <= TimeSpan.Zero)
        {
            errors.Add(new SpecError("intensity.window", raw.Window,
                raw.Window is null ? "is required, e.g. 1m" : error is { Length: > 0 } ? error : "must be longer than zero"));
            return null;
        }
        return new RestartIntensity(max, window);
    }
}
