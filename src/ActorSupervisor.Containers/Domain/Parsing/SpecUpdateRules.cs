using ActorSupervisor.Containers.Domain.Lifecycle;

namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>
/// What an <c>update</c> does to a spec, and the rules the result must follow: the same as <c>create</c>'s
/// (<see cref="SpecValidator"/>), reported for the fields the update touches.
/// </summary>
public static class SpecUpdateRules
{
    /// <summary>The spec after <paramref name="update"/>.</summary>
    public static ContainerSpec Apply(ContainerSpec spec, ContainerCommand.Update update) => spec with
    {
        Restart = update.Policy ?? spec.Restart,
        MemoryLimitBytes = update.MemoryLimitBytes ?? spec.MemoryLimitBytes,
        HealthCheck = update.HealthCheck is { } health ? health.ApplyTo(spec.HealthCheck) : spec.HealthCheck,
    };

    /// <summary>Every rule the update breaks on <paramref name="spec"/>; empty when it may be applied.</summary>
    public static IReadOnlyList<SpecError> Validate(ContainerSpec spec, ContainerCommand.Update update)
    {
        if (update.Policy is null && update.MemoryLimitBytes is null && update.HealthCheck is null or { IsEmpty: true })
            return [new SpecError("update", null, "changes nothing: give restart, memory or healthcheck settings")];
        var errors = new List<SpecError>();
        if (update.HealthCheck is { OnlyTiming: true } && spec.HealthCheck is not { Enabled: true })
            errors.Add(new SpecError("healthcheck.test", null, "the container has no health check: give its test too"));
        var touched = SpecValidator.Validate(Apply(spec, update)).Where(e => Touches(update, e.Field));
        errors.AddRange(touched);
        return errors;
    }

    // A spec stored before a rule was tightened must not block an update of its other fields.
    private static bool Touches(ContainerCommand.Update update, string field) =>
        (update.Policy is not null && field == "restart")
        || (update.MemoryLimitBytes is not null && field == "memory")
        || (update.HealthCheck is not null && (field.StartsWith("healthcheck", StringComparison.Ordinal) || field.StartsWith("restartOnUnhealthy", StringComparison.Ordinal)));
}
