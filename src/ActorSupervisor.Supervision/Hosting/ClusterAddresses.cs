using Akka.Actor;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// The addresses members reach each other on: <c>akka.tcp://asv@HOST:PORT</c> (Akka remoting over TCP, the actor
/// system <see cref="ContainerHostOptions.SystemName"/>, a fixed port). Used for seeds and for <c>cluster join</c>.
/// </summary>
public static class ClusterAddresses
{
    /// <summary>An example, for messages.</summary>
    public const string Example = "akka.tcp://asv@10.0.0.5:4053";

    /// <summary>What is wrong with <paramref name="text"/> as a member's address, or null when it is one.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Address address;
        try
        {
            address = Address.Parse(text.Trim());
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            return $"is not a member address; expected akka.tcp://{ContainerHostOptions.SystemName}@HOST:PORT, e.g. {Example}";
        }
        // akka.ssl.tcp is the same transport with remoting's TLS on (cluster.tls, docs/interop.md).
        if (address.Protocol is not ("akka.tcp" or "akka.ssl.tcp"))
            return $"uses protocol '{address.Protocol}'; members speak akka.tcp, or akka.ssl.tcp with TLS (e.g. {Example})";
        if (address.System != ContainerHostOptions.SystemName)
            return $"names actor system '{address.System}'; every node's is '{ContainerHostOptions.SystemName}' (e.g. {Example})";
        if (string.IsNullOrEmpty(address.Host) || address.Port is not (> 0 and <= 65535))
            return $"needs a host and a port from 1 to 65535, e.g. {Example}";
        return null;
    }

    /// <summary>The address <paramref name="text"/> names.</summary>
    /// <exception cref="ArgumentException">It is not a member address (see <see cref="Problem"/>).</exception>
    public static Address Parse(string text) =>
        Problem(text) is { } problem ? throw new ArgumentException($"'{text}' {problem}", nameof(text)) : Address.Parse(text.Trim());
}
