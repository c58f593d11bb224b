namespace ActorSupervisor.Node.Configuration;

/// <summary>What an orderly shutdown does (<c>actor-supervisor.node.shutdown</c>).</summary>
public sealed record ShutdownOptions
{
    /// <summary>
    /// Stop every workload before the node exits. Off by default (Docker's live-restore idea): workloads
    /// keep running and the next start adopts them.
    /// </summary>
    public bool StopWorkloads { get; init; }

    /// <summary>How long the shutdown may take before the host gives up waiting.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
