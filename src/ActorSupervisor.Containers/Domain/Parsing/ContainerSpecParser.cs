using System.Globalization;
using ActorSupervisor.Containers.Domain.Health;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Containers.Domain.Parsing;

/// <summary>
/// Turns what a user typed (<see cref="RawContainerSpec"/>) into a <see cref="ContainerSpec"/>, reading
/// Docker's notations (<c>on-failure:5</c>, <c>1m30s</c>, <c>512m</c>, <c>SIGTERM</c>) and collecting every
/// error with its field and value rather than stopping at the first. Never throws for user input.
/// </summary>
public static partial class ContainerSpecParser
{
    /// <summary>Parses <paramref name="raw"/>: the spec, or all errors.</summary>
    public static SpecParseResult Parse(RawContainerSpec raw)
    {
        var reader = new FieldReader();
        var (logMaxBytes, logMaxFiles) = ReadLogOptions(raw.LogOptions, reader);
        var spec = new ContainerSpec
        {
            Name = raw.Name ?? "",
            Runtime = ReadRuntime(raw.Runtime, reader),
            Image = raw.Image,
            Command = ReadCommand(raw, reader),
            Env = raw.Env is null ? new Dictionary<string, string>() : new Dictionary<string, string>(raw.Env),
            WorkingDirectory = raw.Workdir,
            User = raw.User,
            Labels = raw.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(raw.Labels),
            MemoryLimitBytes = ReadMemory(raw.Memory, reader),
            LogMaxBytes = logMaxBytes,
            LogMaxFiles = logMaxFiles,
            StopSignal = ReadSignal(raw.StopSignal, reader),
            StopTimeout = ReadStopTimeout(raw.StopTimeout, reader),
            Restart = ReadRestart(raw.Restart, reader),
            Backoff = ReadBackoff(raw.Backoff, reader),
            Intensity = ReadIntensity(raw.Intensity, reader),
            RestartOnUnhealthy = ReadUnhealthyRestart(raw.RestartOnUnhealthy, reader),
            HealthCheck = ReadHealthCheck(raw.Healthcheck, HealthCheckField, reader),
            Readiness = ReadHealthCheck(raw.Readiness, ReadinessField, reader),
        };

        var errors = reader.Errors.Concat(SpecValidator.Validate(spec)
            .Where(e => !reader.Errors.Any(r => r.Field == e.Field || e.Field.StartsWith(r.Field + ".", StringComparison.Ordinal))))
            .ToList();
        return errors.Count == 0 ? new SpecParseResult(spec, []) : new SpecParseResult(null, errors);
    }

    private static RuntimeKind ReadRuntime(string? text, FieldReader reader)
    {
        if (text is null)
            return RuntimeKind.Process;
        if (Enum.TryParse<RuntimeKind>(text, ignoreCase: true, out var kind) && !int.TryParse(text, out _))
            return kind;
        reader.Fail("runtime", text, "expected process, docker or fake");
        return RuntimeKind.Process;
    }

    private static CommandLine? ReadCommand(RawContainerSpec raw, FieldReader reader)
    {
        if (raw.Command is not null && raw.Cmd is not null)
        {
            reader.Fail("command", string.Join(' ', raw.Command), "give either command (exec form) or cmd (shell form), not both");
            return null;
        }
        return raw.Command is not null ? CommandLine.Exec([.. raw.Command])
            : raw.Cmd is not null ? CommandLine.Shell(raw.Cmd)
            : null;
    }

    private static (long? MaxBytes, int? MaxFiles) ReadLogOptions(IReadOnlyDictionary<string, string>? options, FieldReader reader)
    {
        if (LogOptions.TryParse(options, out var maxBytes, out var maxFiles, out var badKey, out var error))
            return (maxBytes, maxFiles);
        reader.Fail(LogOptionsField + "." + badKey, options![badKey], error);
        return (null, null);
    }

    private static long? ReadMemory(string? text, FieldReader reader)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (!MemorySize.TryParse(text, out var bytes, out var error))
        {
            reader.Fail("memory", text, error);
            return null;
        }
        return bytes == 0 ? null : bytes;
    }

    private static string ReadSignal(string? text, FieldReader reader)
    {
        if (text is null)
            return UnixSignal.Terminate.Name;
        if (UnixSignal.TryParse(text, out var signal, out var error))
            return signal.Name;
        reader.Fail("stopSignal", text, error);
        return UnixSignal.Terminate.Name;
    }

    private static TimeSpan ReadStopTimeout(string? text, FieldReader reader)
    {
        var fallback = TimeSpan.FromSeconds(10);
        if (text is null)
            return fallback;
        if (StopTimeoutText.TryParse(text, out var value, out var error))
            return value;
        reader.Fail("stopTimeout", text, error);
        return fallback;
    }

    private static RestartPolicy ReadRestart(string? text, FieldReader reader)
    {
        if (text is null)
            return RestartPolicy.No;
        if (RestartPolicy.TryParse(text, out var policy, out var error))
            return policy;
        reader.Fail("restart", text, error);
        return RestartPolicy.No;
    }

    private static Backoff ReadBackoff(RawBackoff? raw, FieldReader reader)
    {
        var defaults = Backoff.Default;
        if (raw is null)
            return defaults;
        return new Backoff
        {
            Initial = reader.Duration("backoff.initial", raw.Initial, defaults.Initial, allowZero: true),
            Multiplier = raw.Multiplier ?? defaults.Multiplier,
            Max = reader.Duration("backoff.max", raw.Max, defaults.Max, allowZero: true),
            ResetAfter = reader.Duration("backoff.resetAfter", raw.ResetAfter, defaults.ResetAfter, allowZero: true),
            RandomFactor = raw.RandomFactor ?? defaults.RandomFactor,
        };
    }

    private static RestartIntensity? ReadIntensity(RawIntensity? raw, FieldReader reader)
    {
        if (raw is null)
            return null;
        if (raw.MaxRestarts is null)
            reader.Fail("intensity.maxRestarts", null, "is required: how many restarts the window allows");
        if (raw.Window is null)
            reader.Fail("intensity.window", null, "is required, e.g. 1m");
        var window = reader.Duration("intensity.window", raw.Window, TimeSpan.FromMinutes(1), allowZero: true);
        return new RestartIntensity(raw.MaxRestarts ?? 0, window);
    }

    private static UnhealthyRestart? ReadUnhealthyRestart(RawUnhealthyRestart? raw, FieldReader reader)
    {
        if (raw is null)
            return null;
        if (raw.Limit is null)
            reader.Fail("restartOnUnhealthy.limit", null, "is required: how many failed probes in a row restart the container");
        var grace = reader.Duration("restartOnUnhealthy.grace", raw.Grace, UnhealthyRestart.DefaultGrace, allowZero: true);
        return new UnhealthyRestart(raw.Limit ?? 1, grace);
    }

    /// <summary>The spec field of the health check, which names its errors.</summary>
    public const string HealthCheckField = "healthcheck";

    /// <summary>The log settings' field name in the API (errors name <c>logOptions.max-size</c>).</summary>
    public const string LogOptionsField = "logOptions";

    /// <summary>The spec field of the readiness probe: a health check in form and rules, under its own name.</summary>
    public const string ReadinessField = "readiness";

    /// <summary>A check (health or readiness, named by <paramref name="field"/>) in Docker's form; one rule for both.</summary>
    private static HealthCheck? ReadHealthCheck(RawHealthCheck? raw, string field, FieldReader reader)
    {
        if (raw is null)
            return null;
        if (raw.Retries < 0)
            reader.Fail(field + ".retries", raw.Retries.Value.ToString(CultureInfo.InvariantCulture), "cannot be negative");
        return ReadTest(raw.Test, field, reader) with
        {
            // Docker: 0 means the default for these; the start period's default is 0.
            Interval = reader.Duration(field + ".interval", raw.Interval, HealthCheck.DefaultInterval, allowZero: false),
            Timeout = reader.Duration(field + ".timeout", raw.Timeout, HealthCheck.DefaultInterval, allowZero: false),
            StartPeriod = reader.Duration(field + ".startPeriod", raw.StartPeriod, TimeSpan.Zero, allowZero: true),
            StartInterval = reader.Duration(field + ".startInterval", raw.StartInterval, HealthCheck.DefaultStartInterval, allowZero: false),
            Retries = raw.Retries is null or <= 0 ? HealthCheck.DefaultRetries : raw.Retries.Value,
            Exit2MeansStarting = raw.Exit2MeansStarting ?? false,
        };
    }

    /// <summary>The probe of a test in one of <see cref="HealthTest"/>'s forms (none for NONE or a bad test, which fails).</summary>
    private static HealthCheck ReadTest(IReadOnlyList<string>? test, string field, FieldReader reader)
    {
        if (HealthTest.Problem(test) is { } problem)
        {
            reader.Fail(field + ".test", test is null ? null : string.Join(' ', test), problem);
            return new HealthCheck();
        }
        return test![0] switch
        {
            HealthTest.Cmd => new HealthCheck { Test = CommandLine.Exec([.. test.Skip(1)]) },
            HealthTest.CmdShell => new HealthCheck { Test = CommandLine.Shell(test[1]) },
            HealthTest.Http => new HealthCheck { HttpGet = HealthTest.Url(test[1]) },
            HealthTest.Tcp when TcpTarget.TryParse(test[1], out var target, out _) => new HealthCheck { TcpConnect = target },
            _ => new HealthCheck(),
        };
    }

    /// <summary>Collects errors while reading fields, so one pass reports them all.</summary>
    private sealed class FieldReader
    {
        public List<SpecError> Errors { get; } = [];

        public void Fail(string field, string? value, string message) => Errors.Add(new SpecError(field, value, message));

        /// <summary>A Go duration; missing gives <paramref name="fallback"/>, and so does 0 unless <paramref name="allowZero"/>.</summary>
        public TimeSpan Duration(string field, string? text, TimeSpan fallback, bool allowZero)
        {
            if (text is null)
                return fallback;
            if (!GoDuration.TryParseNonNegative(text, out var value, out var error))
            {
                Fail(field, text, error);
                return fallback;
            }
            // "1ns" is above zero but below .NET's 100 ns tick: it must not quietly become 0 (for health: "the default").
            if (SpecLimits.RoundedToZero(text, value))
            {
                Fail(field, text, field.StartsWith(HealthCheckField + ".", StringComparison.Ordinal) || field.StartsWith(ReadinessField + ".", StringComparison.Ordinal)
                    ? $"must be 0 (the default) or at least {GoDuration.Format(SpecLimits.MinimumHealthDuration)}"
                    : "is shorter than 100ns, the smallest duration the node keeps; write 0 for none");
                return fallback;
            }
            return value == TimeSpan.Zero && !allowZero ? fallback : value;
        }
    }
}
