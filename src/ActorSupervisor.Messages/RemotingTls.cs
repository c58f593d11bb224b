using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace ActorSupervisor.Messages;

/// <summary>
/// Mutual TLS for Akka.Remote (DotNetty), the way every ActorSupervisor node and client speaks it: each side presents a
/// certificate issued by an authority the other trusts, and a connection whose peer has none, or one from another
/// authority, is refused and logged before a single actor message is read. Nodes and clients use the same rule, so a
/// client trusts a node for the same reason the node trusts it.
/// </summary>
/// <example><code>
/// var system = ActorSystem.Create("shop", BootstrapSetup.Create().WithConfig(RemotingTls.Config.WithFallback(config))
///     .And(RemotingTls.FromFiles("client.pfx", password, "cluster-ca.pem")));
/// </code></example>
public static class RemotingTls
{
    /// <summary>The HOCON that turns DotNetty's TLS on (the certificate and the check come from <see cref="Setup"/>).</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on");

    /// <summary>The setup for <paramref name="certificate"/> (with its private key), trusting certificates issued by <paramref name="authorities"/>.</summary>
    /// <param name="certificate">This system's certificate, with its private key.</param>
    /// <param name="authorities">The authorities whose certificates may connect.</param>
    /// <param name="refused">Told why each refused peer was refused (besides Akka's own log), e.g. to log it with the host's logger.</param>
    public static DotNettySslSetup Setup(X509Certificate2 certificate, X509Certificate2Collection authorities, Action<string>? refused = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        if (!certificate.HasPrivateKey) throw new ArgumentException($"the certificate '{certificate.Subject}' has no private key", nameof(certificate));
        if (authorities.Count == 0) throw new ArgumentException("no trusted authority was given: nobody could connect", nameof(authorities));
        // Mutual: the node asks every peer for a certificate. Host names are not checked (members are reached by address);
        // the authority is: validation is not suppressed, our callback decides.
        return new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false,
            customValidator: (peer, _, target, _, log) => Trusted(peer, authorities, target, log, refused));
    }

    /// <summary>The setup from a PKCS#12 file (<paramref name="certificatePath"/>) and a PEM file of trusted authorities (<paramref name="refused"/>: see <see cref="Setup"/>).</summary>
    /// <exception cref="ArgumentException">A file is missing or unreadable, or holds no usable certificate; the message names it.</exception>
    public static DotNettySslSetup FromFiles(string certificatePath, string? password, string authoritiesPemPath, Action<string>? refused = null) =>
        Setup(LoadCertificate(certificatePath, password), LoadAuthorities(authoritiesPemPath), refused);

    /// <summary>The certificate and its key from a PKCS#12 file.</summary>
    /// <exception cref="ArgumentException">The file is missing, not PKCS#12, the password is wrong, or it has no private key.</exception>
    public static X509Certificate2 LoadCertificate(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot read the certificate {path}: {e.Message} (a PKCS#12 file with its private key, and its password)", nameof(path), e);
        }
        return certificate.HasPrivateKey ? certificate : throw new ArgumentException($"the certificate {path} has no private key", nameof(path));
    }

    /// <summary>The trusted authorities from a PEM file.</summary>
    /// <exception cref="ArgumentException">The file is missing or holds no certificate.</exception>
    public static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot read the trusted authorities {path}: {e.Message} (a PEM file of CA certificates)", nameof(path), e);
        }
        return authorities.Count > 0 ? authorities : throw new ArgumentException($"{path} holds no PEM certificate", nameof(path));
    }

    /// <summary>Whether <paramref name="peer"/> chains to one of <paramref name="authorities"/> (and only to them: the machine's store is not asked).</summary>
    public static bool IsTrusted(X509Certificate2? peer, X509Certificate2Collection authorities, out string reason)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        if (peer is null)
        {
            reason = "it presented no certificate";
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(peer))
        {
            reason = "";
            return true;
        }
        reason = $"its certificate '{peer.Subject}' (issued by '{peer.Issuer}') is not from a trusted authority: " +
            string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
        return false;
    }

    private static bool Trusted(X509Certificate2? peer, X509Certificate2Collection authorities, string? target, ILoggingAdapter? log, Action<string>? refused)
    {
        if (IsTrusted(peer, authorities, out var reason)) return true;
        var message = $"refused a TLS connection ({(string.IsNullOrEmpty(target) ? "inbound" : target)}): {reason}";
        log?.Warning("Remoting: {0}", message);
        refused?.Invoke(message);
        return false;
    }
}
