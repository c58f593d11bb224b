using System.Globalization;
using ActorSupervisor.Actors;
using ActorSupervisor.Containers.Supervision.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorSupervisor.Containers.Supervision.Actors;

/// <summary>
/// <c>/user/supervisor</c>: creates the shards and publishes their refs in the <see cref="ShardTable"/>. A shard
/// that throws is restarted; one that stops (its own journal write failed) is re-created, recovers and brings its
/// containers back.
/// </summary>
internal sealed class SupervisorRoot(SupervisionContext context, ShardTable table) : ActorBase
{
    protected override void PreStart()
    {
        for (var shard = 0; shard < table.Count; shard++) StartShard(shard, nodeStart: true);
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case AwaitShards:
                Sender.Tell(new ShardsReady(table.Count), Self);
                return true;
            case Terminated terminated:
                var shard = ShardNumberOf(terminated.ActorRef.Path.Name);
                Context.System.Log.LogWarning("Shard {Shard} stopped; re-creating it", shard);
                context.Metrics.ActorFailure();
                StartShard(shard, nodeStart: false);
                return true;
            default:
                return false;
        }
    }

    private void StartShard(int shard, bool nodeStart)
    {
        var props = Props.Create(() => new ContainerSupervisor(shard, context, nodeStart));
        var child = Context.ActorOf(props, "shard-" + shard.ToString(CultureInfo.InvariantCulture));
        Context.Watch(child);
        table[shard] = child;
    }

    private static int ShardNumberOf(string name) => int.Parse(name.AsSpan("shard-".Length), CultureInfo.InvariantCulture);
}
