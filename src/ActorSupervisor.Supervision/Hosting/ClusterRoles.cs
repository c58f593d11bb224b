using System.Globalization;
using Akka.Cluster;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// What a member tells the others about itself through its Akka roles (gossiped with the membership, so every node
/// sees them without asking): its node id (<c>asv-node=ID</c>), its shard count (<c>asv-shards=N</c>, checked on
/// join: see <see cref="ShardCountMismatch"/>) and its API's address (<c>asv-api=URL</c>). The operator's own roles
/// sit beside them; the <c>asv-</c> prefix is reserved.
/// </summary>
public static class ClusterRoles
{
    /// <summary>The prefix of the roles the host adds itself.</summary>
    public const string ReservedPrefix = "asv-";

    /// <summary>
    /// The role every node carries and no foreign member does: sharding, its replicated state, the split-brain
    /// resolver's majority and the cluster-client receptionist live on it, so a member that joins with a <c>client</c>
    /// role (docs/interop.md) hosts no shard, counts in no majority and is never offered as a contact.
    /// </summary>
    public const string Supervisor = ReservedPrefix + "supervisor";

    private const string NodePrefix = ReservedPrefix + "node=";
    private const string ShardsPrefix = ReservedPrefix + "shards=";
    private const string ApiPrefix = ReservedPrefix + "api=";

    /// <summary>What is wrong with <paramref name="role"/> as an operator's role, or null when it is fine.</summary>
    public static string? Problem(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role.Length is 0 or > 64 || !char.IsAsciiLetterOrDigit(role[0]) || !role.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return "is not a role name: 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit";
        if (role.StartsWith(ReservedPrefix, StringComparison.Ordinal))
            return $"starts with '{ReservedPrefix}', which is reserved for the roles the node adds itself";
        return null;
    }

    /// <summary>Every role this node's member carries: the operator's and the reserved ones.</summary>
    public static IReadOnlyList<string> For(ContainerHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roles = new List<string>(options.Roles)
        {
            Supervisor,
            NodePrefix + options.NodeId,
            ShardsPrefix + options.ShardCount.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(options.ApiUrl)) roles.Add(ApiPrefix + options.ApiUrl);
        return roles;
    }

    /// <summary>The member's node id, or its address when it does not say (a member that is not an ActorSupervisor node).</summary>
    public static string NodeId(Member member) => Find(member, NodePrefix) ?? member.Address.ToString();

    /// <summary>Where the member's API listens, or null when it does not say.</summary>
    public static string? ApiUrl(Member member) => Find(member, ApiPrefix);

    /// <summary>The member's shard count, or null when it does not say.</summary>
    public static int? ShardCount(Member member) =>
        int.TryParse(Find(member, ShardsPrefix), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;

    /// <summary>The operator's roles of the member (the reserved ones left out).</summary>
    public static IReadOnlyList<string> UserRoles(Member member) =>
        member.Roles.Where(r => !r.StartsWith(ReservedPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Why a node with <paramref name="shardCount"/> shards must not stay in a cluster whose <paramref name="members"/>
    /// say another count, or null when they agree. Only established members count (not
    /// ones joining beside this node), so the node that joins a settled cluster with a wrong count is the one refused. Shard ids are a hash of the container id modulo the count: two
    /// counts in one cluster would put one container in two shards, possibly on two nodes.
    /// </summary>
    public static string? ShardCountMismatch(int shardCount, IEnumerable<Member> members, Akka.Actor.Address self)
    {
        ArgumentNullException.ThrowIfNull(members);
        var others = members.Where(m => m.Address != self && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving)
            .Select(m => (Member: m, Count: ShardCount(m)))
            .Where(m => m.Count is not null && m.Count != shardCount)
            .ToList();
        if (others.Count == 0) return null;
        var theirs = string.Join(", ", others.Select(o => $"{NodeId(o.Member)} ({o.Member.Address}) has {o.Count}"));
        return $"this node's shard count is {shardCount.ToString(CultureInfo.InvariantCulture)} but {theirs}; every node of a cluster must have the same " +
            $"actor-supervisor.node.shard-count (container id -> shard depends on it). Set it to {others[0].Count} on this node, or join another cluster";
    }

    private static string? Find(Member member, string prefix) =>
        member.Roles.FirstOrDefault(r => r.StartsWith(prefix, StringComparison.Ordinal)) is { } role ? role[prefix.Length..] : null;
}
