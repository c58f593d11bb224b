using System.Globalization;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Values;

namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>
/// The rules a <see cref="ContainerSpec"/> must follow, however it was built: the parser runs them on what
/// it read, and <c>create</c> runs them on a spec built in code. Fields are named as a user writes them.
/// </summary>
public static class SpecValidator
{
    /// <summary>Docker's smallest memory limit (6 MiB); the bounds live in <see cref="SpecLimits"/>.</summary>
    public const long MinimumMemoryBytes = SpecLimits.MinimumMemoryBytes;

    /// <summary>Docker's smallest health check duration (1 ms).</summary>
    public static readonly TimeSpan MinimumHealthDuration = SpecLimits.MinimumHealthDuration;

    /// <summary>Every rule <paramref name="spec"/> breaks; empty when valid.</summary>
    public static IReadOnlyList<SpecError> Validate(ContainerSpec spec)
    {
        var errors = new List<SpecError>();
        void Fail(string field, string? value, string message) => errors.Add(new SpecError(field, value, message));

        if (!ContainerName.TryValidate(spec.Name, out var nameError))
            Fail("name", string.IsNullOrEmpty(spec.Name) ? null : spec.Name, nameError);

        if (spec.Runtime == RuntimeKind.Docker && string.IsNullOrWhiteSpace(spec.Image))
            Fail("image", spec.Image, "is required for the docker runtime");
        if (spec.Runtime == RuntimeKind.Process && spec.Command is null)
            Fail("command", null, "is required for the process runtime: give command (exec form) or cmd (shell form)");
        if (spec.Command is { } command)
            ValidateCommandLine(command, command.IsShell ? "cmd" : "command", Fail);

        foreach (var key in spec.Env.Keys.Where(k => k.Length == 0 || k.Contains('=') || k.Contains('\0')))
            Fail("env", key.Replace("\0", "\\0", StringComparison.Ordinal), "a variable name must be non-empty and contain neither '=' nor NUL");
        foreach (var key in spec.Env.Where(e => e.Value is not null && e.Value.Contains('\0')).Select(e => e.Key))
            Fail("env." + key, null, "contains a NUL byte, which no process environment can carry");
        foreach (var key in spec.Env.Where(e => e.Value is null).Select(e => e.Key))
            Fail("env." + key, null, "needs a value (use \"\" for an empty one)");
        foreach (var key in spec.Labels.Keys.Where(k => k.Length == 0))
            Fail("labels", key, "a label name must be non-empty");
        foreach (var key in spec.Labels.Where(e => e.Value is null).Select(e => e.Key))
            Fail("labels." + key, null, "needs a value (use \"\" for an empty one)");
        if (spec.WorkingDirectory is { } workdir && !workdir.StartsWith('/'))
            Fail("workdir", workdir, "must be an absolute path");
        if (spec.User is { } user && string.IsNullOrWhiteSpace(user))
            Fail("user", user, "must not be blank");
        if (spec.MemoryLimitBytes is { } memory && SpecLimits.MemoryProblem(memory) is { } memoryProblem)
            Fail("memory", memory.ToString(CultureInfo.InvariantCulture), memoryProblem);
        if (!UnixSignal.TryParse(spec.StopSignal, out _, out var signalError))
            Fail("stopSignal", spec.StopSignal, signalError);
        if (spec.StopTimeout < TimeSpan.Zero)
            Fail("stopTimeout", GoDuration.Format(spec.StopTimeout), "cannot be negative");
        AtMost("stopTimeout", spec.StopTimeout, Fail);

        if (spec.Restart.Validate() is { } restartProblem)
            Fail("restart", spec.Restart.ToString(), restartProblem);
        ValidateBackoff(spec, Fail);
        if (spec.Intensity is { } intensity)
        {
            if (intensity.MaxRestarts < 0)
                Fail("intensity.maxRestarts", intensity.MaxRestarts.ToString(CultureInfo.InvariantCulture), "cannot be negative");
            if (intensity.Window <= TimeSpan.Zero)
                Fail("intensity.window", GoDuration.Format(intensity.Window), "must be longer than 0");
            AtMost("intensity.window", intensity.Window, Fail);
        }
        if (spec.RestartOnUnhealthy is { } unhealthy)
        {
            if (unhealthy.Limit < 1)
                Fail("restartOnUnhealthy.limit", unhealthy.Limit.ToString(CultureInfo.InvariantCulture), "must be at least 1");
            if (unhealthy.Grace < TimeSpan.Zero)
                Fail("restartOnUnhealthy.grace", GoDuration.Format(unhealthy.Grace), "cannot be negative");
            AtMost("restartOnUnhealthy.grace", unhealthy.Grace, Fail);
            if (spec.HealthCheck is not { Enabled: true })
                Fail("restartOnUnhealthy", null, "needs a health check with a test");
        }
        if (spec.HealthCheck is { } check)
            ValidateHealthCheck(check, ContainerSpecParser.HealthCheckField, Fail);
        if (spec.Readiness is { } readiness)
            ValidateHealthCheck(readiness, ContainerSpecParser.ReadinessField, Fail);
        return errors;
    }

    // Past the bound of SpecLimits: the node's timers cannot hold it.
    private static void AtMost(string field, TimeSpan value, Action<string, string?, string> fail)
    {
        if (SpecLimits.DurationProblem(field, value) is { } problem)
            fail(field, GoDuration.Format(value), problem);
    }

    private static void ValidateCommandLine(CommandLine command, string field, Action<string, string?, string> fail)
    {
        if (command.Arguments.Any(a => a is null))
            fail(field, null, "an argument is null: every entry must be a string");
        else if (command.Arguments.Any(a => a.Contains('\0')))
            fail(field, null, "contains a NUL byte, which no program's arguments can carry");
        else if (command.Arguments.Count == 0 || string.IsNullOrWhiteSpace(command.Arguments[0]))
            fail(field, command.ToString(), command.IsShell ? "the script is empty" : "needs at least the program to run");
    }

    private static void ValidateBackoff(ContainerSpec spec, Action<string, string?, string> fail)
    {
        var backoff = spec.Backoff;
        if (backoff.Initial < TimeSpan.Zero)
            fail("backoff.initial", GoDuration.Format(backoff.Initial), "cannot be negative");
        if (backoff.Max < backoff.Initial)
            fail("backoff.max", GoDuration.Format(backoff.Max), $"cannot be shorter than backoff.initial ({GoDuration.Format(backoff.Initial)})");
        if (!double.IsFinite(backoff.Multiplier) || backoff.Multiplier < 1)
            fail("backoff.multiplier", backoff.Multiplier.ToString(CultureInfo.InvariantCulture), "must be at least 1");
        if (backoff.ResetAfter < TimeSpan.Zero)
            fail("backoff.resetAfter", GoDuration.Format(backoff.ResetAfter), "cannot be negative");
        if (!double.IsFinite(backoff.RandomFactor) || backoff.RandomFactor < 0)
            fail("backoff.randomFactor", backoff.RandomFactor.ToString(CultureInfo.InvariantCulture), "must be 0 or more");
        AtMost("backoff.initial", backoff.Initial, fail);
        AtMost("backoff.max", backoff.Max, fail);
        AtMost("backoff.resetAfter", backoff.ResetAfter, fail);
    }

    private static void ValidateHealthCheck(HealthCheck check, string field, Action<string, string?, string> fail)
    {
        if (check.Test is { } test)
            ValidateCommandLine(test, field + ".test", fail);
        void AtLeastOneMillisecond(string name, TimeSpan value)
        {
            if (value < MinimumHealthDuration)
                fail(field + "." + name, GoDuration.Format(value), "cannot be less than 1ms");
        }
        AtLeastOneMillisecond("interval", check.Interval);
        AtLeastOneMillisecond("timeout", check.Timeout);
        AtLeastOneMillisecond("startInterval", check.StartInterval);
        if (check.StartPeriod != TimeSpan.Zero)
            AtLeastOneMillisecond("startPeriod", check.StartPeriod);
        AtMost(field + ".interval", check.Interval, fail);
        AtMost(field + ".timeout", check.Timeout, fail);
        AtMost(field + ".startPeriod", check.StartPeriod, fail);
        AtMost(field + ".startInterval", check.StartInterval, fail);
        if (check.Retries < 1)
            fail(field + ".retries", check.Retries.ToString(CultureInfo.InvariantCulture), "must be at least 1");
    }
}
