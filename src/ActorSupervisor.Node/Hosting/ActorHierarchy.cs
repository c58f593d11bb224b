using ActorSupervisor.Client.Contracts;
using Akka.Actor;

namespace ActorSupervisor.Node.Hosting;

/// <summary>
/// This node's actor tree as pbm's <c>actor hierarchy</c> shows it: every actor from the root guardian down, read from
/// the local actor cells (no message to any actor, so a busy or stuck actor still shows). The levels that grow with the
/// containers, a sharding region's shards and their entities, show their first children by name up to the limit and
/// count the rest, so 10,000 containers do not make 10,000 lines; the node's own actors (a fixed few) all show.
/// </summary>
internal static class ActorHierarchy
{
    /// <summary>Shards shown per region, and entities per shard, unless every one is asked for.</summary>
    public const int DefaultLimit = 10;

    private const string ShardingPath = "/system/sharding";

    // A shard's own helpers beside its entities (Akka.Cluster.Sharding's Shard.cs names them so): not entities.
    private static readonly HashSet<string> ShardHelpers = new(StringComparer.Ordinal) { "RememberEntitiesStore", "RememberEntitiesStarter" };

    /// <summary>The tree of <paramref name="system"/>, each level cut to <paramref name="limit"/> children (null: all).</summary>
    public static ActorTreeView Describe(ActorSystem system, string nodeId, int? limit)
    {
        var root = ((ExtendedActorSystem)system).Provider.RootGuardian;
        var regions = new List<HostedRegion>();
        var tree = Walk(root, limit, capped: false, regions);
        return new ActorTreeView { NodeId = nodeId, Root = tree, Regions = regions, Limit = limit };
    }

    private static ActorNode Walk(IActorRef actor, int? limit, bool capped, List<HostedRegion> regions)
    {
        var children = ChildrenOf(actor);
        // A region's children are its shards and theirs the entities: counted in full whatever is shown.
        if (actor.Path.Parent?.ToStringWithoutAddress() == ShardingPath)
        {
            regions.Add(new HostedRegion(actor.Path.Name, actor.Path.ToString(), children.Count, children.Sum(shard => ChildrenOf(shard).Count(entity => !ShardHelpers.Contains(entity.Path.Name)))));
            capped = true;
        }
        var shown = capped && limit is { } cap ? children.Take(cap) : children;
        return new ActorNode(actor.Path.Name, actor.Path.ToString(), children.Count, shown.Select(child => Walk(child, limit, capped, regions)).ToList());
    }

    private static List<IActorRef> ChildrenOf(IActorRef actor) =>
        actor is ActorRefWithCell cell
            ? cell.Children.OrderBy(child => child.Path.Name, StringComparer.Ordinal).ToList()
            : [];
}
