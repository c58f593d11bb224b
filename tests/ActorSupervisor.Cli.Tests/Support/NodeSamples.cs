using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Cli.Tests.Support;

/// <summary>Canned node, cluster and shard views.</summary>
internal static class NodeSamples
{
    public static readonly NodeInfo Node = new()
    {
        NodeId = "node-a",
        Version = "1.2.3",
        StartedAt = CliRunner.Now.AddHours(-3),
        UptimeSeconds = 3 * 3600,
        Mode = "single-node",
        DataStore = new DataStoreInfo("sqlite", "/var/lib/asv/store.db"),
        DefaultRuntime = "process",
        Runtimes = [new CapabilityInfo("process", true, "process groups"), new CapabilityInfo("docker", false, "no socket at /var/run/docker.sock")],
        Capabilities = [new CapabilityInfo("memory-limits", false, "cgroup v2 memory controller is not delegated to this user")],
        Containers = 12,
        Running = 9,
    };

    public static readonly ClusterView Cluster = new("cluster", "node-a",
    [
        new ClusterMember { NodeId = "node-b", Address = "http://10.0.0.2:7411", Status = "up", Shards = 2, Containers = 7, ClusterAddress = "akka.tcp://asv@10.0.0.2:4053", Roles = ["edge"] },
        new ClusterMember { NodeId = "node-a", Address = "http://10.0.0.1:7411", Status = "up", Shards = 3, Containers = 5, ClusterAddress = "akka.tcp://asv@10.0.0.1:4053", Leader = true },
        new ClusterMember { NodeId = "node-c", Address = "http://10.0.0.3:7411", Status = "up", Unreachable = true, Shards = 0, Containers = 0, ClusterAddress = "akka.tcp://asv@10.0.0.3:4053" },
    ]) { Leader = "node-a" };

    public static readonly ShardsView Shards = new(8,
    [
        new ShardInfo { ShardId = 0, Owner = "node-a", Epoch = 1, Status = "active", Containers = 2 },
        new ShardInfo { ShardId = 1, Owner = "node-a", Epoch = 1, Status = "active", Containers = 1 },
        new ShardInfo { ShardId = 2, Owner = "node-a", Epoch = 4, Status = "handing-off", Containers = 2 },
        new ShardInfo { ShardId = 5, Owner = "node-b", Epoch = 2, Status = "active", Containers = 3 },
        new ShardInfo { ShardId = 7, Owner = "node-b", Epoch = 2, Status = "active", Containers = 4 },
        new ShardInfo { ShardId = 6, Owner = null, Epoch = 0, Status = "unassigned", Containers = 0 },
    ]);
}
