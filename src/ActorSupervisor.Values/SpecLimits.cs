using System.Globalization;

namespace ActorSupervisor.Values;

/// <summary>
/// The upper (and lower) bounds of every duration and size in a container spec, in one place: the node's parser
/// (ActorSupervisor.Containers' <c>SpecValidator</c>) and asv's file checks (<c>ContainerSpecRules</c>) both ask
/// here, and docs/api.md lists the same table. The reason for upper bounds: .NET timers take at most
/// 2^32-2 ms (~49.7 days), so a 1200h backoff or stop timeout would throw inside a timer and wedge the container.
/// Every bound is far below that and well above anything a workload needs.
/// </summary>
public static class SpecLimits
{
    /// <summary>Docker's smallest non-zero health check duration (1 ms); 0 means the default.</summary>
    public static readonly TimeSpan MinimumHealthDuration = TimeSpan.FromMilliseconds(1);

    /// <summary>Health check interval, timeout, start period and start interval: at most 24 hours.</summary>
    public static readonly TimeSpan MaxHealthDuration = TimeSpan.FromHours(24);

    /// <summary>Stop timeout (grace before SIGKILL): at most 1 hour.</summary>
    public static readonly TimeSpan MaxStopTimeout = TimeSpan.FromHours(1);

    /// <summary>Backoff initial, max and reset-after: at most 24 hours.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);

    /// <summary>Restart intensity window: at most 24 hours.</summary>
    public static readonly TimeSpan MaxIntensityWindow = TimeSpan.FromHours(24);

    /// <summary>Grace before restart-on-unhealthy counts failures: at most 24 hours.</summary>
    public static readonly TimeSpan MaxUnhealthyGrace = TimeSpan.FromHours(24);

    /// <summary>Docker's smallest memory limit (6 MiB).</summary>
    public const long MinimumMemoryBytes = 6L * 1024 * 1024;

    /// <summary>The largest memory limit: 64 TiB, more than any machine this runs on has.</summary>
    public const long MaxMemoryBytes = 64L << 40;

    /// <summary>The smallest log file size (<c>--log-opt max-size</c>, <c>runtimes.process.log-max-size</c>): 1 KiB, a few lines.</summary>
    public const long MinLogFileBytes = 1L << 10;

    /// <summary>The largest log file size: 100 GiB.</summary>
    public const long MaxLogFileBytes = 100L << 30;

    /// <summary>The most log files a container keeps (<c>--log-opt max-file</c>, <c>runtimes.process.log-max-file</c>).</summary>
    public const int MaxLogFiles = 100;

    /// <summary>The longest value of each duration field, by the field's name in the API (camelCase).</summary>
    public static IReadOnlyDictionary<string, TimeSpan> MaxDurations { get; } = new Dictionary<string, TimeSpan>
    {
        ["healthcheck.interval"] = MaxHealthDuration,
        ["healthcheck.timeout"] = MaxHealthDuration,
        ["healthcheck.startPeriod"] = MaxHealthDuration,
        ["healthcheck.startInterval"] = MaxHealthDuration,
        ["readiness.interval"] = MaxHealthDuration,
        ["readiness.timeout"] = MaxHealthDuration,
        ["readiness.startPeriod"] = MaxHealthDuration,
        ["readiness.startInterval"] = MaxHealthDuration,
        ["stopTimeout"] = MaxStopTimeout,
        ["backoff.initial"] = MaxBackoff,
        ["backoff.max"] = MaxBackoff,
        ["backoff.resetAfter"] = MaxBackoff,
        ["intensity.window"] = MaxIntensityWindow,
        ["restartOnUnhealthy.grace"] = MaxUnhealthyGrace,
    };

    /// <summary>What is wrong with <paramref name="value"/> for the duration field <paramref name="field"/> (past its bound), or null.</summary>
    public static string? DurationProblem(string field, TimeSpan value) =>
        MaxDurations.TryGetValue(field, out var max) && value > max
            ? $"cannot be longer than {GoDuration.Format(max)}"
            : null;

    /// <summary>What is wrong with a memory limit of <paramref name="bytes"/> (0 = none), or null.</summary>
    public static string? MemoryProblem(long bytes) => bytes switch
    {
        0 => null,
        < MinimumMemoryBytes => "the minimum memory limit is 6MB",
        > MaxMemoryBytes => $"the maximum memory limit is 64TiB ({MaxMemoryBytes.ToString(CultureInfo.InvariantCulture)} bytes)",
        _ => null,
    };

    /// <summary>What is wrong with a log file size of <paramref name="bytes"/>, or null.</summary>
    public static string? LogFileSizeProblem(long bytes) => bytes switch
    {
        < MinLogFileBytes => $"the smallest log file size is 1k ({MinLogFileBytes.ToString(CultureInfo.InvariantCulture)} bytes)",
        > MaxLogFileBytes => $"the largest log file size is 100g ({MaxLogFileBytes.ToString(CultureInfo.InvariantCulture)} bytes)",
        _ => null,
    };

    /// <summary>What is wrong with keeping <paramref name="files"/> log files, or null.</summary>
    public static string? LogFileCountProblem(int files) =>
        files is < 1 or > MaxLogFiles ? $"must be a whole number from 1 to {MaxLogFiles.ToString(CultureInfo.InvariantCulture)}" : null;

    /// <summary>
    /// True when <paramref name="text"/> names a duration above zero that <paramref name="parsed"/> rounded to zero
    /// (<c>1ns</c>: .NET keeps 100 ns ticks): it must not silently become "0 = the default".
    /// </summary>
    public static bool RoundedToZero(string text, TimeSpan parsed) =>
        parsed == TimeSpan.Zero && text.Any(c => c is >= '1' and <= '9');
}
