namespace ActorSupervisor.Node.Configuration;

/// <summary>The node as a cluster member (<c>actor-supervisor.node.cluster</c>).</summary>
public sealed record ClusterOptions
{
    /// <summary>The address remoting binds and the other members reach this node on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The remoting port; 0 picks a free one (a single node only).</summary>
    public int Port { get; init; }

    /// <summary>Members to join (<c>akka.tcp://asv@host:port</c>); empty starts a new cluster.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>This member's roles.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}
