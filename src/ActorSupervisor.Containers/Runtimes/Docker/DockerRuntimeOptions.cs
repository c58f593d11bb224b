namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>Settings of the Docker runtime, bound from the node's configuration (<c>runtimes.docker</c>).</summary>
public sealed record DockerRuntimeOptions
{
    /// <summary>The Docker Engine's unix socket.</summary>
    public string SocketPath { get; init; } = "/var/run/docker.sock";

    /// <summary>This node's id, put on every container as a label so that each node sees only its own.</summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>The network mode of created containers (<c>none</c>, <c>bridge</c>, <c>host</c>, or a network's name).</summary>
    public string NetworkMode { get; init; } = "none";

    /// <summary>How long a single API call (not a stream) may take before it fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait before reconnecting to the event stream after it broke (the daemon restarted).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the values; the message names the first bad one.</summary>
    /// <exception cref="ArgumentException">A value is empty or out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SocketPath))
        {
            throw new ArgumentException("runtimes.docker.socket must not be empty", nameof(SocketPath));
        }
        if (string.IsNullOrWhiteSpace(NodeId))
        {
            throw new ArgumentException("runtimes.docker.node-id must not be empty", nameof(NodeId));
        }
        if (string.IsNullOrWhiteSpace(NetworkMode))
        {
            throw new ArgumentException("runtimes.docker.network-mode must not be empty", nameof(NetworkMode));
        }
        if (RequestTimeout <= TimeSpan.Zero || ReconnectDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException("runtimes.docker.request-timeout and reconnect-delay must be positive");
        }
    }
}
