using System.Text;
using ActorSupervisor.Values;

namespace ActorSupervisor.Containers.Domain.Health;

/// <summary>
/// Docker's health state machine (moby <c>daemon/health.go</c>) as pure functions: how a probe result
/// changes the health, when the next probe runs, and how output is capped. Probes run only while the
/// container runs and is not paused; the container's decider sees to that.
/// </summary>
public static class HealthMonitor
{
    /// <summary>Docker's <c>maxOutputLen</c>.</summary>
    public const int MaxOutputBytes = 4096;

    /// <summary>Docker's <c>maxLogEntries</c>.</summary>
    public const int MaxLogEntries = 5;

    /// <summary>The exit code Docker records for a probe that timed out.</summary>
    public const int TimedOutExitCode = -1;

    private const int StartingExitCode = 2;

    /// <summary>
    /// The log entry for a probe that ended at <paramref name="end"/> after <paramref name="duration"/>: a
    /// timeout becomes exit code -1 with Docker's message, followed by what the probe printed, if anything;
    /// output is capped.
    /// </summary>
    public static HealthLogEntry Entry(HealthCheck check, int exitCode, string output, TimeSpan duration, bool timedOut, DateTimeOffset end)
    {
        if (!timedOut)
            return new HealthLogEntry(end - duration, end, exitCode, CapOutput(output));
        var message = $"Health check exceeded timeout ({GoDuration.Format(check.Timeout)})";
        return new HealthLogEntry(end - duration, end, TimedOutExitCode, output.Length == 0 ? message : $"{message}: {CapOutput(output)}");
    }

    /// <summary>
    /// The health after <paramref name="entry"/>. Exit 0: healthy, streak 0. Anything else: a failure, which
    /// does not count while starting within the start period; a streak of <c>retries</c> makes it unhealthy.
    /// With <see cref="HealthCheck.Exit2MeansStarting"/>, exit 2 while starting changes nothing.
    /// </summary>
    public static HealthState Record(HealthState health, HealthLogEntry entry, HealthCheck check, DateTimeOffset startedAt)
    {
        var log = health.Log.Append(entry).TakeLast(MaxLogEntries).ToList();
        if (entry.ExitCode == 0)
            return new HealthState(HealthStatus.Healthy, 0, log);
        if (!IsFailure(entry, health.Status, check))
            return health with { Log = log };
        if (health.Status == HealthStatus.Starting && entry.Start - startedAt < check.StartPeriod)
            return health with { Log = log };

        var streak = health.FailingStreak + 1;
        var status = streak >= check.Retries ? HealthStatus.Unhealthy : health.Status;
        return new HealthState(status, streak, log);
    }

    /// <summary>
    /// Whether <paramref name="entry"/> is a failed probe: any exit but 0, except exit 2 while starting when
    /// <see cref="HealthCheck.Exit2MeansStarting"/> is on.
    /// </summary>
    public static bool IsFailure(HealthLogEntry entry, HealthStatus status, HealthCheck check) =>
        entry.ExitCode != 0
        && !(check.Exit2MeansStarting && entry.ExitCode == StartingExitCode && status == HealthStatus.Starting);

    /// <summary>
    /// How long until the next probe, counted from the end of the last one (or from the start or unpause):
    /// the start interval while starting within the start period, the interval otherwise.
    /// </summary>
    public static TimeSpan NextProbeDelay(HealthCheck check, HealthStatus status, DateTimeOffset startedAt, DateTimeOffset now) =>
        now - startedAt < check.StartPeriod && status == HealthStatus.Starting ? check.StartInterval : check.Interval;

    /// <summary>Caps <paramref name="output"/> at 4096 UTF-8 bytes, cut at a character boundary, then appends <c>...</c>.</summary>
    public static string CapOutput(string output)
    {
        var bytes = Encoding.UTF8.GetBytes(output);
        if (bytes.Length <= MaxOutputBytes)
            return output;
        var length = MaxOutputBytes;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
            length--;
        return Encoding.UTF8.GetString(bytes, 0, length) + "...";
    }
}
