using System.Globalization;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>The <c>update</c> request's reading: the same notations, field names and messages as <c>create</c>'s.</summary>
public static partial class ContainerSpecParser
{
    /// <summary>
    /// Reads an update: each setting given becomes a change, each missing one stays as it is. Health durations and
    /// retries of 0 mean Docker's default, as at create. Returns the command, or every error with its field.
    /// </summary>
    public static (ContainerCommand.Update? Update, IReadOnlyList<SpecError> Errors) ParseUpdate(
        string? restart, string? memory, RawHealthCheck? healthcheck, RawHealthCheck? readiness = null)
    {
        var reader = new FieldReader();
        var policy = restart is null ? null : ReadRestart(restart, reader);
        long? bytes = null;
        if (memory is not null)
        {
            bytes = ReadMemory(memory, reader);
            if (bytes is null && reader.Errors.Count == 0)
                reader.Fail("memory", memory, "an update cannot remove the limit: give a new one, or recreate the container without one");
        }
        var health = healthcheck is null ? null : ReadHealthCheckUpdate(healthcheck, HealthCheckField, reader);
        var ready = readiness is null ? null : ReadHealthCheckUpdate(readiness, ReadinessField, reader);
        var update = new ContainerCommand.Update(policy, bytes, health, ready);
        if (reader.Errors.Count == 0 && SpecUpdateRules.ChangesNothing(update))
            reader.Fail("update", null, SpecUpdateRules.NothingMessage);
        return reader.Errors.Count == 0 ? (update, []) : (null, reader.Errors);
    }

    private static HealthCheckUpdate ReadHealthCheckUpdate(RawHealthCheck raw, string field, FieldReader reader)
    {
        if (raw.Retries < 0)
            reader.Fail(field + ".retries", raw.Retries.Value.ToString(CultureInfo.InvariantCulture), "cannot be negative");
        if (raw.Exit2MeansStarting is not null)
            reader.Fail(field + ".exit2MeansStarting", raw.Exit2MeansStarting.Value ? "true" : "false", "cannot be changed by update: recreate the container");
        var disable = raw.Test is ["NONE"];
        TimeSpan? Duration(string field, string? text, TimeSpan fallback, bool allowZero) =>
            text is null ? null : reader.Duration(field, text, fallback, allowZero);
        return new HealthCheckUpdate
        {
            Probe = raw.Test is null || disable ? null : ReadTest(raw.Test, field, reader),
            Disable = disable,
            Interval = Duration(field + ".interval", raw.Interval, HealthCheck.DefaultInterval, allowZero: false),
            Timeout = Duration(field + ".timeout", raw.Timeout, HealthCheck.DefaultInterval, allowZero: false),
            StartPeriod = Duration(field + ".startPeriod", raw.StartPeriod, TimeSpan.Zero, allowZero: true),
            StartInterval = Duration(field + ".startInterval", raw.StartInterval, HealthCheck.DefaultStartInterval, allowZero: false),
            Retries = raw.Retries is null ? null : raw.Retries <= 0 ? HealthCheck.DefaultRetries : raw.Retries,
        };
    }
}
