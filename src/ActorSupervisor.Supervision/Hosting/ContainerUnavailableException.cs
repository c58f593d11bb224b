namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// The container exists but cannot take commands right now: its actor is recovering after a failure (such as a
/// journal write that failed), or the host is shutting down. Retrying later is safe.
/// </summary>
public sealed class ContainerUnavailableException(string containerId, string reason)
    : Exception($"Container {containerId} is unavailable: {reason}")
{
    /// <summary>The container that could not take the command.</summary>
    public string ContainerId { get; } = containerId;

    /// <summary>Why, without the container's id.</summary>
    public string Reason { get; } = reason;
}
