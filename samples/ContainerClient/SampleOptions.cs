namespace ActorSupervisor.Samples.ContainerClient;

/// <summary>The sample's command line.</summary>
/// <param name="Node">A node's remoting address, akka.tcp://asv@HOST:PORT.</param>
/// <param name="Member">Join the cluster as a member with the client role instead of using ClusterClient.</param>
/// <param name="Name">The container's name.</param>
/// <param name="Command">The container's shell command.</param>
/// <param name="Host">The address this actor system binds and advertises (the node sends replies and events there).</param>
/// <param name="TlsCertificate">This system's PKCS#12 certificate for the nodes' mutual TLS; null for plain TCP.</param>
/// <param name="TlsPassword">Its password.</param>
/// <param name="TlsTrusted">The PEM file of the authorities the nodes' certificates come from.</param>
/// <param name="Group">Walk through a container group (NAME-a and NAME-b in group NAME) instead of one container.</param>
public sealed record SampleOptions(string Node, bool Member, string Name, string Command, string Host,
    string? TlsCertificate = null, string? TlsPassword = null, string? TlsTrusted = null, bool Group = false)
{
    /// <summary>The options in <paramref name="args"/>, or null when they are not usable.</summary>
    public static SampleOptions? Parse(string[] args)
    {
        string? node = null, name = "demo", command = "sleep 300", host = "127.0.0.1", certificate = null, password = null, trusted = null;
        var member = false;
        var group = false;
        for (var i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--node": node = Next(); break;
                case "--member": member = true; break;
                case "--group": group = true; break;
                case "--name": name = Next(); break;
                case "--cmd": command = Next(); break;
                case "--host": host = Next(); break;
                case "--tls-certificate": certificate = Next(); break;
                case "--tls-password": password = Next(); break;
                case "--tls-trusted": trusted = Next(); break;
                default: return null;
            }
        }
        if (node is null || name is null || command is null || host is null || (certificate is null) != (trusted is null)) return null;
        return new SampleOptions(node, member, name, command, host, certificate, password, trusted, group);
    }
}
