using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorSupervisor.Containers.Domain;
using ActorSupervisor.Containers.Domain.Lifecycle;
using ActorSupervisor.Containers.Domain.Restarts;
using ActorSupervisor.Containers.Runtimes.Fake;
using ActorSupervisor.Supervision.Hosting;
using static ActorSupervisor.Benchmarks.BenchSupport;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// cluster.forward: three hosts in this process, each a cluster member on its own loopback port, over one PostgreSQL
/// journal (ASV_TEST_PG, or a server the suite starts). A command (an update of the restart policy: one journal write)
/// is sent through node-1 to a container whose entity lives on node-2 or node-3, the way the API hands it on; the same
/// command sent through the container's own node is the baseline, so the difference is the hop between nodes.
/// </summary>
public sealed partial class ClusterBench
{
    private static async Task ForwardAsync(BenchContext context)
    {
        var containers = context.Quick ? 60 : 300;
        var calls = context.Quick ? 200 : 1000;
        await using var postgres = await BenchPostgres.StartAsync();
        var store = await postgres.NewDatabaseAsync();
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort()).ToArray();
        var hosts = new List<ContainerHost>();
        try
        {
            for (var n = 0; n < 3; n++)
            {
                var options = new ContainerHostOptions
                {
                    NodeId = $"node-{n + 1}",
                    ClusterPort = ports[n],
                    Seeds = n == 0 ? [] : [$"akka.tcp://asv@127.0.0.1:{ports[0]}"],
                };
                var host = new ContainerHost(options, store, [new FakeRuntime(TimeProvider.System)]);
                hosts.Add(host);
                await host.StartAsync();
            }
            var first = hosts[0];
            var created = new List<ContainerSnapshot>();
            for (var i = 0; i < containers; i++)
                created.Add(await first.CreateAsync(Spec($"fwd-{i}"), start: true));
            // Where each entity lives: the answer to the create says (shards are allocated to the least loaded member).
            var remote = created.Where(c => c.Node != "node-1").Select(c => (c.Id, c.Node)).ToList();
            if (remote.Count == 0) throw new InvalidOperationException("no container lives on node-2 or node-3");
            var hostOf = hosts.ToDictionary(h => h.Options.NodeId);

            var forwarded = new List<double>();
            var local = new List<double>();
            for (var call = 0; call < calls; call++)
            {
                var (id, node) = remote[call % remote.Count];
                var policy = call % 4 < 2 ? RestartPolicy.Always : RestartPolicy.No; // a change every time: one journal write each
                var through = call % 2 == 0 ? first : hostOf[node];
                var started = Stopwatch.GetTimestamp();
                await through.SendAsync(id, new ContainerCommand.Update(policy));
                (through == first ? forwarded : local).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            context.Report("cluster.forward.p50_ms", Percentile(forwarded, 0.50), "ms");
            context.Report("cluster.forward.p99_ms", Percentile(forwarded, 0.99), "ms");
            context.Report("cluster.local.p50_ms", Percentile(local, 0.50), "ms");
            context.Report("cluster.local.p99_ms", Percentile(local, 0.99), "ms");
            Note($"cluster.forward: {forwarded.Count} updates through node-1 to entities on node-2/3, interleaved with as many through the entity's own node (cluster.local); {containers} containers, PostgreSQL journal, load average {LoadAverage()}");
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
                await host.DisposeAsync();
        }
    }

    private static ContainerSpec Spec(string name) =>
        new() { Name = name, Runtime = RuntimeKind.Fake, Command = CommandLine.Exec("fake"), Restart = RestartPolicy.No };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
