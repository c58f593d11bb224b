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
        Readiness = update.Readiness is { } readiness ? readiness.ApplyTo(spec.Readiness) : spec.Readiness,
    };

    /// <summary>What an update that changes nothing is told.</summary>
    public const string NothingMessage = "changes nothing: give restart, memory, healthcheck or readiness settings";

    /// <summary>Whether <paramref name="update"/> changes no setting.</summary>
    public static bool ChangesNothing(ContainerCommand.Update update) =>
        update.Policy is null && update.MemoryLimitBytes is null && update.HealthCheck is null or { IsEmpty: true }
        && update.Readiness is null or { IsEmpty: true };

    /// <summary>Every rule the update breaks on <paramref name="spec"/>; empty when it may be applied.</summary>
    public static IReadOnlyList<SpecError> Validate(ContainerSpec spec, ContainerCommand.Update update)
    {
        if (ChangesNothing(update))
            return [new SpecError("update", null, NothingMessage)];
        var errors = new List<SpecError>();
        if (update.HealthCheck is { OnlyTiming: true } && spec.HealthCheck is not { Enabled: true })
            errors.Add(new SpecError(ContainerSpecParser.HealthCheckField + ".test", null, "the container has no health check: give its test too"));
        if (update.Readiness is { OnlyTiming: true } && spec.Readiness is not { Enabled: true })
            errors.Add(new SpecError(ContainerSpecParser.ReadinessField + ".test", null, "the container has no readiness probe: give its test too"));
        var touched = SpecValidator.Validate(Apply(spec, update)).Where(e => Touches(update, e.Field));
        errors.AddRange(touched);
        return errors;
    }

    // A spec stored before a rule was tightened must not block an update of its other fields.
    private static bool Touches(ContainerCommand.Update update, string field) =>
        (update.Policy is not null && field == "restart")
        || (update.MemoryLimitBytes is not null && field == "memory")
        || (update.HealthCheck is not null && (field.StartsWith(ContainerSpecParser.HealthCheckField, StringComparison.Ordinal) || field.StartsWith("restartOnUnhealthy", StringComparison.Ordinal)))
        || (update.Readiness is not null && field.StartsWith(ContainerSpecParser.ReadinessField, StringComparison.Ordinal));
}
