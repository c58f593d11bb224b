using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorSupervisor.Tests.Shared;

/// <summary>
/// A throw-away authority with a node and a client certificate it issued, and a rogue client and node from another authority;
/// the files are private to the user (0600) in a directory removed on dispose.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string Password = "test-only";
    private readonly string _directory;

    private TestCertificates(string directory) => _directory = directory;

    public string Node => Path.Combine(_directory, "node.pfx");
    public string Client => Path.Combine(_directory, "client.pfx");
    public string Rogue => Path.Combine(_directory, "rogue.pfx");
    public string RogueNode => Path.Combine(_directory, "rogue-node.pfx");
    public string Trusted => Path.Combine(_directory, "cluster-ca.pem");

    public static TestCertificates Create()
    {
        var certificates = new TestCertificates(Directory.CreateTempSubdirectory("asv-certs-").FullName);
        using var authority = Authority("asv-test-ca");
        using var other = Authority("rogue-ca");
        Write(certificates.Trusted, System.Text.Encoding.ASCII.GetBytes(authority.ExportCertificatePem()));
        WritePfx(certificates.Node, "asv-node", authority);
        WritePfx(certificates.Client, "shop-client", authority);
        WritePfx(certificates.Rogue, "rogue-client", other);
        WritePfx(certificates.RogueNode, "rogue-node", other);
        return certificates;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static void WritePfx(string path, string name, X509Certificate2 authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Both: a node is a TLS server to those who connect and a client to those it connects to.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        Write(path, withKey.Export(X509ContentType.Pfx, Password));
    }

    private static void Write(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // keys: private from the first byte
        using var file = new FileStream(path, options);
        file.Write(bytes);
    }
}
