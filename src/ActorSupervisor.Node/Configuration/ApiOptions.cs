namespace ActorSupervisor.Node.Configuration;

/// <summary>Where the management API listens and who may use it (<c>actor-supervisor.node.api</c>).</summary>
public sealed record ApiOptions
{
    /// <summary>The address to bind; loopback by default. Anything wider requires a configured <see cref="Token"/>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one.</summary>
    public int Port { get; init; } = 7411;

    /// <summary>
    /// The bearer token every request but the probes must carry; empty = the node's generated token in
    /// <c>&lt;data-dir&gt;/api.token</c> (see <see cref="Security.NodeSecurity"/>).
    /// </summary>
    public string Token { get; init; } = "";

    /// <summary>The group that may read the generated token file (mode 0640), or empty for the owner alone (0600).</summary>
    public string TokenGroup { get; init; } = "";

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Whether <see cref="Host"/> reaches only this machine.</summary>
    public bool IsLoopback =>
        Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
