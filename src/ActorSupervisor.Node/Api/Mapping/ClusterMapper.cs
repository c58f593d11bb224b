using System.Globalization;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Supervision.Hosting;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace ActorSupervisor.Node.Api.Mapping;

/// <summary>Akka.Cluster's membership and Akka.Cluster.Sharding's statistics as the API's cluster views.</summary>
internal static class ClusterMapper
{
    /// <summary>Akka's member status in the API's words (<c>WeaklyUp</c> → <c>weakly-up</c>).</summary>
    public static string Status(MemberStatus status) => status switch
    {
        MemberStatus.Joining => "joining",
        MemberStatus.WeaklyUp => "weakly-up",
        MemberStatus.Up => "up",
        MemberStatus.Leaving => "leaving",
        MemberStatus.Exiting => "exiting",
        MemberStatus.Down => "down",
        MemberStatus.Removed => "removed",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The members as <paramref name="cluster"/> (this node) sees them, with the shards and entities each hosts in <paramref name="stats"/> (null: unknown).</summary>
    public static ClusterView Members(Cluster cluster, ClusterShardingStats? stats, bool hasSeeds, string selfApiUrl, DateTimeOffset selfStartedAt)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members.OrderBy(m => m, Member.AgeOrdering).Select(m =>
        {
            var isSelf = m.Address == cluster.SelfAddress;
            var region = stats?.Regions.GetValueOrDefault(m.Address);
            return new ClusterMember
            {
                NodeId = ClusterRoles.NodeId(m),
                Address = isSelf ? selfApiUrl : ClusterRoles.ApiUrl(m) ?? m.Address.ToString(),
                Status = Status(m.Status),
                ClusterAddress = m.Address.ToString(),
                Unreachable = unreachable.Contains(m.Address),
                Leader = state.Leader == m.Address,
                Roles = ClusterRoles.UserRoles(m),
                JoinedAt = isSelf ? selfStartedAt : null,
                Shards = region?.Stats.Count ?? 0,
                Containers = region?.Stats.Values.Sum() ?? 0,
            };
        }).ToList();
        var self = state.Members.FirstOrDefault(m => m.Address == cluster.SelfAddress) is { } me ? ClusterRoles.NodeId(me) : cluster.SelfAddress.ToString();
        var leader = state.Leader is { } address && state.Members.FirstOrDefault(m => m.Address == address) is { } l ? ClusterRoles.NodeId(l) : null;
        return new ClusterView(members.Count > 1 || hasSeeds ? "cluster" : "single-node", self, members) { Leader = leader };
    }

    /// <summary>Every shard some region hosts, with its owner's node id and its live entities.</summary>
    public static ShardsView Shards(Cluster cluster, ClusterShardingStats stats, int shardCount)
    {
        var nodeIds = cluster.State.Members.ToDictionary(m => m.Address, ClusterRoles.NodeId);
        var shards = new List<ShardInfo>();
        foreach (var (address, region) in stats.Regions)
        {
            var owner = nodeIds.GetValueOrDefault(address) ?? address.ToString();
            foreach (var (shard, entities) in region.Stats)
                shards.Add(new ShardInfo { ShardId = ShardNumber(shard), Owner = owner, Status = "active", Containers = entities });
            foreach (var shard in region.Failed)
                shards.Add(new ShardInfo { ShardId = ShardNumber(shard), Owner = owner, Status = "failed" });
        }
        return new ShardsView(shardCount, shards.OrderBy(s => s.ShardId).ToList());
    }

    /// <summary>The member named by <paramref name="node"/> (a node id or a cluster address), or null.</summary>
    public static Member? Find(Cluster cluster, string node)
    {
        var members = cluster.State.Members;
        return members.FirstOrDefault(m => ClusterRoles.NodeId(m) == node)
            ?? members.FirstOrDefault(m => string.Equals(m.Address.ToString(), node.Trim(), StringComparison.Ordinal));
    }

    private static int ShardNumber(string shard) => int.TryParse(shard, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
