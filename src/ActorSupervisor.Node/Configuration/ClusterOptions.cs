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

    /// <summary>Mutual TLS for remoting; null for none (allowed on loopback, or beyond it with <see cref="InsecureRemoting"/>).</summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>Whether a host beyond loopback may run remoting without TLS (the operator's explicit opt-out).</summary>
    public bool InsecureRemoting { get; init; }
}

/// <summary>The files of remoting's mutual TLS (docs/interop.md).</summary>
/// <param name="Certificate">The node's PKCS#12 file (certificate and private key).</param>
/// <param name="Password">Its password; empty for none.</param>
/// <param name="Trusted">The PEM file of the authorities whose certificates may connect.</param>
public sealed record ClusterTls(string Certificate, string Password, string Trusted);
