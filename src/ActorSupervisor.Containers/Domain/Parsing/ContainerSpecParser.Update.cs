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
    public static (ContainerCommand.Update? Update, IReadOnlyList<SpecError> Errors) ParseUpdate(string? restart, string? memory, RawHealthCheck? healthcheck)
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
        var health = healthcheck is null ? null : ReadHealthCheckUpdate(healthcheck, reader);
        var update = new ContainerCommand.Update(policy, bytes, health);
        if (reader.Errors.Count == 0 && policy is null && bytes is null && health is null or { IsEmpty: true })
            reader.Fail("update", null, "changes nothing: give restart, memory or healthcheck settings");
        return reader.Errors.Count == 0 ? (update, []) : (null, reader.Errors);
    }

    private static HealthCheckUpdate ReadHealthCheckUpdate(RawHealthCheck raw, FieldReader reader)
    {
        if (raw.Retries < 0)
            reader.Fail("healthcheck.retries", raw.Retries.Value.ToString(CultureInfo.InvariantCulture), "cannot be negative");
        if (raw.Exit2MeansStarting is not null)
            reader.Fail("healthcheck.exit2MeansStarting", raw.Exit2MeansStarting.Value ? "true" : "false", "cannot be changed by update: recreate the container");
        var disable = raw.Test is ["NONE"];
        TimeSpan? Duration(string field, string? text, TimeSpan fallback, bool allowZero) =>
            text is null ? null : reader.Duration(field, text, fallback, allowZero);
        return new HealthCheckUpdate
        {
            Probe = raw.Test is null || disable ? null : ReadTest(raw.Test, reader),
            Disable = disable,
            Interval = Duration("healthcheck.interval", raw.Interval, HealthCheck.DefaultInterval, allowZero: false),
            Timeout = Duration("healthcheck.timeout", raw.Timeout, HealthCheck.DefaultInterval, allowZero: false),
            StartPeriod = Duration("healthcheck.startPeriod", raw.StartPeriod, TimeSpan.Zero, allowZero: true),
            StartInterval = Duration("healthcheck.startInterval", raw.StartInterval, HealthCheck.DefaultStartInterval, allowZero: false),
            Retries = raw.Retries is null ? null : raw.Retries <= 0 ? HealthCheck.DefaultRetries : raw.Retries,
        };
    }
}
