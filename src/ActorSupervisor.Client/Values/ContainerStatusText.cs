using System.Globalization;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Client.Values;

/// <summary>
/// Docker's one-line status (<c>Up 3 minutes (healthy)</c>, <c>Exited (1) 5 seconds ago</c>), derived at
/// display time from the state and its timestamps so that it is never stale.
/// </summary>
public static class ContainerStatusText
{
    /// <summary>The status of a listed container at <paramref name="now"/>.</summary>
    public static string Describe(ContainerSummary container, DateTimeOffset now) =>
        Describe(container.State, container.Health, container.ExitCode, container.StartedAt, container.FinishedAt, now)
        + ReadinessSuffix(container.State, container.Readiness);

    /// <summary>The status of an inspected container at <paramref name="now"/>.</summary>
    public static string Describe(ContainerInfo container, DateTimeOffset now) =>
        Describe(container.State, container.Health?.Status, container.ExitCode, container.StartedAt, container.FinishedAt, now)
        + ReadinessSuffix(container.State, container.Readiness?.Status);

    /// <summary>The status from its parts.</summary>
    public static string Describe(string state, string? health, int? exitCode, DateTimeOffset? startedAt, DateTimeOffset? finishedAt, DateTimeOffset now)
    {
        var code = (exitCode ?? 0).ToString(CultureInfo.InvariantCulture);
        return state switch
        {
            ContainerStates.Running => $"Up {Since(startedAt, now)}{HealthSuffix(health)}",
            ContainerStates.Paused => $"Up {Since(startedAt, now)} (Paused)",
            ContainerStates.Restarting => $"Restarting ({code}) {Since(finishedAt, now)} ago",
            ContainerStates.Exited => finishedAt is null ? "Exited" : $"Exited ({code}) {Since(finishedAt, now)} ago",
            ContainerStates.Created => "Created",
            ContainerStates.Dead => "Dead",
            _ => state,
        };
    }

    /// <summary>Docker's human duration: "Less than a second", "5 seconds", "About a minute", "3 hours", "2 weeks".</summary>
    public static string Humanize(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds < 2) return "1 second";
        if (seconds < 60) return $"{(int)seconds} seconds";
        var minutes = elapsed.TotalMinutes;
        if (minutes < 2) return "About a minute";
        if (minutes < 60) return $"{(int)minutes} minutes";
        var hours = elapsed.TotalHours;
        if (Math.Round(hours) < 2) return "About an hour";
        if (hours < 48) return $"{(int)hours} hours";
        if (hours < 24 * 14) return $"{(int)(hours / 24)} days";
        if (hours < 24 * 60) return $"{(int)(hours / 24 / 7)} weeks";
        if (hours < 24 * 365 * 2) return $"{(int)(hours / 24 / 30)} months";
        return $"{(int)(hours / 24 / 365)} years";
    }

    private static string Since(DateTimeOffset? at, DateTimeOffset now) =>
        at is null ? "Less than a second" : Humanize(now - at.Value);

    // After Docker's health suffix, so that "Up 3 minutes (healthy)" still reads as Docker's for those who parse it.
    private static string ReadinessSuffix(string state, string? readiness) => (state, readiness) switch
    {
        (not ContainerStates.Running, _) or (_, null) => "",
        (_, ReadinessStatuses.Ready) => " (ready)",
        (_, ReadinessStatuses.NotReady) => " (not ready)",
        _ => " (readiness: starting)",
    };

    private static string HealthSuffix(string? health) => health switch
    {
        null or HealthStatuses.None => "",
        HealthStatuses.Starting => " (health: starting)",
        _ => $" ({health})",
    };
}
