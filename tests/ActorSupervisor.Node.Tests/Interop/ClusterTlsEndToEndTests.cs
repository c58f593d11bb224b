using ActorSupervisor.Client;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Values.Specs;
using Xunit.Abstractions;

namespace ActorSupervisor.Node.Tests.Interop;

/// <summary>
/// Mutual TLS between members, not only between a client and a node: two real node processes on loopback, each with
/// <c>cluster.tls</c> from one authority, form a cluster over <c>akka.ssl.tcp</c> on a shared PostgreSQL journal (a
/// database of the test's own on ASV_TEST_PG), and a container created through one is listed and stopped through the
/// other. A third node whose certificate comes from another authority is refused by the first during the handshake
/// (logged, naming its certificate) and never becomes a member.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterTlsEndToEndTests(ITestOutputHelper output)
{
    private const string Workload = "sleep 433"; // a duration no other test uses

    [Fact]
    public async Task Nodes_with_trusted_certificates_form_a_cluster_and_a_node_from_another_authority_cannot_join()
    {
        using var certificates = TestCertificates.Create();
        var (connection, database) = ClusterNodeConfig.CreateDatabase("asv_tls");
        var ports = Enumerable.Range(0, 3).Select(_ => NodeProcess.FreePort()).ToArray();
        var seed = $"\"akka.ssl.tcp://asv@127.0.0.1:{ports[0]}\"";
        var nodes = new List<NodeProcess>();
        try
        {
            nodes.Add(await NodeProcess.StartAsync(Config(1, ports[0], connection, "", certificates.Node, certificates.Trusted)));
            // The rogue trusts our authority, so the refusal is the first node's check of its certificate, not its own of ours.
            var joining = NodeProcess.StartAsync(Config(2, ports[1], connection, seed, certificates.Node, certificates.Trusted));
            var rogue = await NodeProcess.StartAsync(Config(3, ports[2], connection, seed, certificates.RogueNode, certificates.Trusted), waitUntilReady: false);
            nodes.Add(rogue);
            nodes.Insert(1, await joining);

            foreach (var node in nodes.Take(2))
                await Eventually.ValueAsync(() => node.Client.GetClusterMembersAsync(), v => v.Members.Count(m => m.Status == "up") == 2,
                    $"{node.Url} lists node-1 and node-2 up", TimeSpan.FromSeconds(60));

            await Eventually.TrueAsync(() => nodes[0].Output.Contains("CN=rogue-node", StringComparison.Ordinal),
                "node-1 logs the refused certificate of node-3", TimeSpan.FromSeconds(60));
            Assert.Contains("refused a TLS connection", nodes[0].Output, StringComparison.Ordinal);
            Assert.False(rogue.HasExited, $"the rogue node should still be trying to join:\n{rogue.Output}");
            var members = await nodes[1].Client.GetClusterMembersAsync();
            Assert.Equal(["node-1", "node-2"], members.Members.Select(m => m.NodeId).Order());

            // A container created through node-1 is seen and driven through node-2, wherever its entity lives.
            var created = await nodes[0].Client.CreateRetryingAsync(new RawContainerSpec { Name = "tls-web", Cmd = Workload }, output.WriteLine);
            Assert.Equal(ContainerStates.Running, (await nodes[0].Client.InspectContainerAsync(created)).State);
            await Eventually.ValueAsync(() => nodes[1].Client.ListContainersAsync(all: true), l => l.Any(c => c.Name == "tls-web" && c.State == ContainerStates.Running),
                "node-2 lists tls-web running", TimeSpan.FromSeconds(60));
            var stopped = await nodes[1].Client.StopContainerAsync("tls-web", timeoutSeconds: 5);
            Assert.Equal(ContainerStates.Exited, stopped.State);
            await Eventually.ValueAsync(() => nodes[0].Client.InspectContainerAsync("tls-web"), c => c.State == ContainerStates.Exited,
                "node-1 sees tls-web exited", TimeSpan.FromSeconds(60));
            using var probe = new ActorSupervisorClient(rogue.Url); // the probes need no token
            Assert.False(await probe.IsReadyAsync(), "the refused node is not ready: it never joined");
        }
        catch
        {
            foreach (var node in nodes)
                output.WriteLine($"--- {node.Url} printed:\n{node.Output}");
            throw;
        }
        finally
        {
            if (nodes.Count == 3 && !nodes[2].HasExited)
                await nodes[2].KillAsync(); // never ready: it has nothing to remove and would not drain
            foreach (var node in nodes)
                await node.DisposeAsync();
            ClusterNodeConfig.DropDatabase(database);
        }
    }

    private static string Config(int n, int port, string connection, string seeds, string certificate, string trusted) =>
        ClusterNodeConfig.For("tls-cluster", n, port, connection, seeds) + $$"""

            actor-supervisor.node.cluster.tls {
              certificate = "{{certificate}}"
              password = "{{TestCertificates.Password}}"
              trusted = "{{trusted}}"
            }
            """;

}
