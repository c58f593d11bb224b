using ActorSupervisor.Node.Tests.Support;
using ActorSupervisor.Tests.Shared;

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
