using System.Text.Json;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>The parts of <c>GET /containers/{id}/json</c> the runtime needs.</summary>
internal sealed record DockerContainerState(string Id, bool Running, bool Paused, int ExitCode, bool OomKilled, int Pid, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string Error)
{
    public static DockerContainerState Parse(JsonElement inspect)
    {
        var state = inspect.GetProperty("State");
        return new DockerContainerState(
            inspect.GetProperty("Id").GetString()!,
            state.GetProperty("Running").GetBoolean(),
            state.GetProperty("Paused").GetBoolean(),
            state.GetProperty("ExitCode").GetInt32(),
            state.GetProperty("OOMKilled").GetBoolean(),
            state.GetProperty("Pid").GetInt32(),
            Time(state, "StartedAt"),
            Time(state, "FinishedAt"),
            state.TryGetProperty("Error", out var error) ? error.GetString() ?? "" : "");
    }

    /// <summary>What the runtime contract calls the workload's status.</summary>
    public WorkloadStatus ToStatus() => Running
        ? new WorkloadStatus(true, null, false, null)
        : new WorkloadStatus(false, ExitCode, OomKilled, FinishedAt);

    // Docker writes "0001-01-01T00:00:00Z" for a time that has not happened.
    private static DateTimeOffset? Time(JsonElement state, string name) =>
        state.TryGetProperty(name, out var value) && value.GetString() is { } text
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
        && at.Year > 1
            ? at
            : null;
}
