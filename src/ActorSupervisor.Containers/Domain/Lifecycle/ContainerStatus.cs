using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Lifecycle;

/// <summary>A container's status, as Docker names them, plus <see cref="None"/> before creation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContainerStatus>))]
public enum ContainerStatus
{
    /// <summary>Not created yet.</summary>
    None,
    /// <summary>Created, never started.</summary>
    Created,
    /// <summary>The workload runs.</summary>
    Running,
    /// <summary>The workload is frozen.</summary>
    Paused,
    /// <summary>The workload exited and a policy restart is scheduled.</summary>
    Restarting,
    /// <summary>The workload exited and nothing will start it but an operator (or a pending restart decision).</summary>
    Exited,
    /// <summary>A forced removal is killing the workload.</summary>
    Removing,
    /// <summary>Removed: only the history remains.</summary>
    Removed,
}
