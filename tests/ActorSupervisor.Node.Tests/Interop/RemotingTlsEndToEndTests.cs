using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorSupervisor.Node.Tests.Support;

namespace ActorSupervisor.Node.Tests.Interop;

/// <summary>
/// Remoting is a door: with mutual TLS a foreign system whose certificate the node does not trust (or that speaks no
/// TLS) gets nothing done and its attempt is logged; one with a certificate from the trusted authority gets through.
/// A node told to bind beyond loopback without TLS does not start.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RemotingTlsEndToEndTests
{
    [Fact]
    public async Task Only_a_client_with_a_trusted_certificate_gets_through_and_a_refused_one_is_logged()
    {
        using var certificates = TestCertificates.Create();
        var port = NodeProcess.FreePort();
        await using var node = await NodeProcess.StartAsync($$"""
            actor-supervisor.node.cluster {
              port = {{port}}
              tls { certificate = "{{certificates.Node}}", password = "{{TestCertificates.Password}}", trusted = "{{certificates.Trusted}}" }
            }
            """);
        // With TLS on, Akka's protocol is akka.ssl.tcp; a plain client still knocks on akka.tcp.
        var address = $"akka.ssl.tcp://asv@127.0.0.1:{port}";

        var rogue = Sample.RunAsync("--node", address, "--name", "rogue",
            "--tls-certificate", certificates.Rogue, "--tls-password", TestCertificates.Password, "--tls-trusted", certificates.Trusted);
        var plain = Sample.RunAsync("--node", $"akka.tcp://asv@127.0.0.1:{port}", "--name", "plain");
        Assert.NotEqual(0, (await rogue).ExitCode);
        Assert.NotEqual(0, (await plain).ExitCode);
        Assert.Empty(await node.Client.ListContainersAsync(all: true));
        // Every refused attempt is logged (Akka's own line per connection); the rogue certificate is named by ours.
        Assert.True(node.Output.Contains("Rejected incoming connection", StringComparison.Ordinal), $"the node logged no refusal:\n{node.Output}");
        Assert.True(node.Output.Contains("CN=rogue-client", StringComparison.Ordinal), $"the node did not name the rogue certificate:\n{node.Output}");

        var trusted = await Sample.RunAsync("--node", address, "--name", "trusted",
            "--tls-certificate", certificates.Client, "--tls-password", TestCertificates.Password, "--tls-trusted", certificates.Trusted);
        Sample.AssertWalkedThrough(trusted, "trusted");
    }

    [Fact]
    public async Task A_node_binding_beyond_loopback_without_tls_refuses_to_start()
    {
        var directory = Directory.CreateTempSubdirectory("asv-tls-").FullName;
        try
        {
            var config = Path.Combine(directory, "node.conf");
            await File.WriteAllTextAsync(config, $$"""
                actor-supervisor.node { data-dir = "{{Path.Combine(directory, "data")}}", api.port = {{NodeProcess.FreePort()}}, cluster.host = "10.255.255.1" }
                """);
            var run = await ProgramRun.NodeAsync("--config", config);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("actor-supervisor.node.cluster.host", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("cluster.tls.certificate", run.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(directory, "data", "store.db")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

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
